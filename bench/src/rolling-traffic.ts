import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { ADDRESS, sendApi, type BenchShopper } from './checkout-flow.js';

/** What clients saw during one phase (warm-up, each SIGTERM, the kill -9). */
export interface Phase {
  name: string;
  requests: number;
  /** Answers of 5xx or no answer at all, as `METHOD path → status` or `→ error (its cause's code)`. */
  failures: string[];
  latencies: number[];
}

/** A phase as it was begun: its name, when (performance.now()), and whether it began with a signal to an instance. */
interface PhaseStart {
  name: string;
  at: number;
  isSignal: boolean;
}

/** One request through the proxy: when it was sent and answered, and how it failed if it did. */
interface RequestRecord {
  startedAt: number;
  endedAt: number;
  failure?: string;
}

export interface BuyerOutcome {
  shopper: BenchShopper;
  orderId?: string;
  /** True when the hosted page took the payment (the shop must then record the order as paid). */
  isPaid: boolean;
  /** Requests the buyer had to send again (after a failure) to finish. */
  retries: number;
  error?: string;
}

/**
 * Browsing and checkouts through the proxy, recorded per phase. A failed request is one that got a 5xx or no
 * answer: what a shopper would see as an error. A request counts in the phase it was sent in, unless a signal
 * phase began while it was in flight: then it counts in that signal's phase (the latest, if several), since the
 * signal is what it met. Buyers behave as a shopper does: a failed step is tried again (at most 3 times), relying
 * on the shop's idempotency (the pending order for an unchanged cart is reused).
 */
export function createTraffic(options: { proxyUrl: string; slugs: string[]; productIds: string[] }) {
  const starts: PhaseStart[] = [{ name: 'warm-up', at: performance.now(), isSignal: false }];
  const records: RequestRecord[] = [];
  let isRunning = true;

  async function call(method: string, path: string, token = '', body?: unknown) {
    const record: RequestRecord = { startedAt: performance.now(), endedAt: 0 };
    records.push(record);
    const name = `${method} ${path.split('?')[0]}`;
    try {
      const answer = await sendApi(options.proxyUrl, method, path, token, body);
      if (answer.status >= 500) record.failure = `${name} → ${answer.status}`;
      return answer;
    } catch (error) {
      // fetch says only "fetch failed"; what happened on the socket is its cause's code (ECONNRESET, UND_ERR_…).
      const code = ((error as Error).cause as { code?: string } | undefined)?.code;
      record.failure = `${name} → ${(error as Error).message}${code ? ` (${code})` : ''}`;
      return { status: 0, text: '' };
    } finally {
      record.endedAt = performance.now();
    }
  }

  async function browse(): Promise<void> {
    const { slugs } = options;
    const paths = ['/api/products', '/api/categories', '/api/store', '/api/products?sort=price_asc'];
    for (let turn = 0; isRunning; turn++) {
      const path = turn % 2 === 0 ? `/api/products/${slugs[turn % slugs.length]}` : paths[turn % paths.length]!;
      await call('GET', path);
    }
  }

  /** add to cart → checkout → pay on the hosted page → the order shows paid; each step tried up to 3 times. */
  async function buy(shopper: BenchShopper, productId: string): Promise<BuyerOutcome> {
    const outcome: BuyerOutcome = { shopper, isPaid: false, retries: 0 };
    const attempt = async <T>(step: () => Promise<T | undefined>): Promise<T> => {
      for (let tries = 1; ; tries++) {
        const result = await step();
        if (result !== undefined) return result;
        if (tries === 3) throw new Error('gave up after 3 tries');
        outcome.retries += 1;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    try {
      await attempt(async () => {
        const added = await call('POST', '/api/cart/items', shopper.token, { productId, quantity: 1 });
        return added.status === 200 ? true : undefined;
      });
      const started = await attempt(async () => {
        const cart = await call('GET', '/api/cart', shopper.token);
        if (cart.status !== 200) return undefined;
        const fingerprint = (JSON.parse(cart.text) as { fingerprint: string }).fingerprint;
        const checkout = await call('POST', '/api/checkout', shopper.token, {
          shippingAddress: ADDRESS,
          cartFingerprint: fingerprint,
        });
        return checkout.status === 201
          ? (JSON.parse(checkout.text) as { orderId: string; checkoutUrl: string })
          : undefined;
      });
      outcome.orderId = started.orderId;
      const paid = await payHostedCheckout(started.checkoutUrl, { card: '4242 4242 4242 4242' });
      outcome.isPaid = paid.status === 'redirected';
    } catch (error) {
      outcome.error = (error as Error).message;
    }
    return outcome;
  }

  async function buyers(shoppers: BenchShopper[], concurrency: number): Promise<BuyerOutcome[]> {
    const outcomes: BuyerOutcome[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (isRunning && next < shoppers.length) {
          const index = next++;
          outcomes.push(await buy(shoppers[index]!, options.productIds[index % options.productIds.length]!));
        }
      }),
    );
    return outcomes;
  }

  return {
    /** Every phase with the requests attributed to it (see above); call once the traffic has stopped. */
    phases(): Phase[] {
      const phases = starts.map((start): Phase => ({ name: start.name, requests: 0, failures: [], latencies: [] }));
      for (const record of records) {
        const phase = phases[phaseIndexOf(starts, record)]!;
        phase.requests += 1;
        phase.latencies.push(record.endedAt - record.startedAt);
        if (record.failure) phase.failures.push(record.failure);
      }
      return phases;
    },
    /** Starts `browsers` browsing loops and `buyerCount` concurrent buyers; resolves when `stop` is called. */
    run(browsers: number, shoppers: BenchShopper[], buyerCount: number) {
      const browsing = Promise.all(Array.from({ length: browsers }, () => browse()));
      const buying = buyers(shoppers, buyerCount);
      return Promise.all([browsing, buying]).then(([, outcomes]) => outcomes);
    },
    /**
     * Later requests count in a new phase; with `isSignal` (call it just before sending the signal) so do those in
     * flight.
     */
    begin(name: string, { isSignal = false }: { isSignal?: boolean } = {}): void {
      starts.push({ name, at: performance.now(), isSignal });
    },
    stop(): void {
      isRunning = false;
    },
  };
}

/** The phase a request counts in: the one it was sent in, or the latest signal phase begun before it was answered. */
function phaseIndexOf(starts: readonly PhaseStart[], record: RequestRecord): number {
  let index = 0;
  for (let next = 1; next < starts.length && starts[next]!.at <= record.endedAt; next++)
    if (starts[next]!.at <= record.startedAt || starts[next]!.isSignal) index = next;
  return index;
}
