import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { ADDRESS, sendApi, type BenchShopper } from './checkout-flow.js';

/** What clients saw during one phase (warm-up, each SIGTERM, the kill -9). */
export interface Phase {
  name: string;
  requests: number;
  /** Answers of 5xx or no answer at all, as `METHOD path → status|error`. */
  failures: string[];
  latencies: number[];
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
 * answer: what a shopper would see as an error. Buyers behave as a shopper does: a failed step is tried again
 * (at most 3 times), relying on the shop's idempotency (the pending order for an unchanged cart is reused).
 */
export function createTraffic(options: { proxyUrl: string; slugs: string[]; productIds: string[] }) {
  let phase: Phase = newPhase('warm-up');
  const phases: Phase[] = [phase];
  let isRunning = true;

  async function call(method: string, path: string, token = '', body?: unknown) {
    const recordIn = phase;
    const started = performance.now();
    recordIn.requests += 1;
    try {
      const answer = await sendApi(options.proxyUrl, method, path, token, body);
      recordIn.latencies.push(performance.now() - started);
      if (answer.status >= 500) recordIn.failures.push(`${method} ${path.split('?')[0]} → ${answer.status}`);
      return answer;
    } catch (error) {
      recordIn.failures.push(`${method} ${path.split('?')[0]} → ${(error as Error).message}`);
      return { status: 0, text: '' };
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
    phases,
    /** Starts `browsers` browsing loops and `buyerCount` concurrent buyers; resolves when `stop` is called. */
    run(browsers: number, shoppers: BenchShopper[], buyerCount: number) {
      const browsing = Promise.all(Array.from({ length: browsers }, () => browse()));
      const buying = buyers(shoppers, buyerCount);
      return Promise.all([browsing, buying]).then(([, outcomes]) => outcomes);
    },
    /** Later requests count in a new phase. */
    begin(name: string): void {
      phase = newPhase(name);
      phases.push(phase);
    },
    stop(): void {
      isRunning = false;
    },
  };
}

function newPhase(name: string): Phase {
  return { name, requests: 0, failures: [], latencies: [] };
}
