import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { fork, type ChildProcess } from 'node:child_process';
import { ADDRESS, sendApi, type FulfilmentWatcher } from './checkout-flow.js';

/** What the buyers have done so far; a window's figures are the difference of two snapshots. */
export interface BuyerCounts {
  /** Paid on the hosted page and fulfilled (stock held, then committed). */
  paid: number;
  /** Checkout started, then cancelled by the shopper (stock held, then released). */
  abandoned: number;
  /** Cart or checkout refused (409), mostly because the product had sold out meanwhile; the buyer tries again. */
  refused: number;
}

async function send(
  apiUrl: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const { status, text } = await sendApi(apiUrl, method, path, token, body);
  return { status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

function expectStatus(answer: { status: number; body: unknown }, expected: number, what: string): void {
  if (answer.status !== expected)
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
}

/**
 * Shoppers buying continuously, one checkout after another each, as a browser drives it: empty the cart, add one
 * unit of a random product still on sale, Pay, then either pay on the hosted page and land on the success page
 * (waiting until fulfilment is complete) or, every `abandonEvery`-th checkout of a buyer, cancel it. A product
 * that has sold out leaves the pool. `start` and `stop` bracket a measured window; `counts` is cumulative.
 */
export class Buyers {
  readonly counts: BuyerCounts = { paid: 0, abandoned: 0, refused: 0 };
  readonly #pool: string[];
  #isRunning = false;
  #lanes: Promise<void>[] = [];

  constructor(
    private readonly apiUrl: string,
    /** One signed-in shopper's access token per buyer. */
    private readonly tokens: string[],
    productIds: string[],
    private readonly watcher: FulfilmentWatcher,
    private readonly abandonEvery: number,
  ) {
    this.#pool = [...productIds];
  }

  get productsLeft(): number {
    return this.#pool.length;
  }

  start(): void {
    this.#isRunning = true;
    this.#lanes = this.tokens.map((token) => this.#lane(token));
  }

  /** Lets every buyer finish the checkout in hand (a paid one up to its fulfilment), then returns. */
  async stop(): Promise<void> {
    this.#isRunning = false;
    await Promise.all(this.#lanes);
  }

  /** A 409: the product sold out meanwhile (it leaves the pool) or the cart changed; the buyer tries again. */
  #refused(productId: string, answer: { body: Record<string, unknown> }): void {
    const index = this.#pool.indexOf(productId);
    if (answer.body.code === 'INSUFFICIENT_STOCK' && index >= 0) this.#pool.splice(index, 1);
    this.counts.refused += 1;
  }

  async #lane(token: string): Promise<void> {
    let started = 0;
    while (this.#isRunning) {
      const productId = this.#pool[Math.floor(Math.random() * this.#pool.length)];
      if (productId === undefined) return;
      expectStatus(await send(this.apiUrl, 'DELETE', '/api/cart', token), 200, 'empty cart');
      const cart = await send(this.apiUrl, 'POST', '/api/cart/items', token, { productId, quantity: 1 });
      if (cart.status === 409) {
        this.#refused(productId, cart);
        continue;
      }
      expectStatus(cart, 200, 'add to cart');
      const checkout = await send(this.apiUrl, 'POST', '/api/checkout', token, {
        shippingAddress: ADDRESS,
        cartFingerprint: cart.body.fingerprint,
      });
      if (checkout.status === 409) {
        this.#refused(productId, checkout);
        continue;
      }
      expectStatus(checkout, 201, 'start checkout');
      const orderId = String(checkout.body.orderId);
      const checkoutUrl = String(checkout.body.checkoutUrl);
      started += 1;
      if (started % this.abandonEvery === 0) {
        expectStatus(await send(this.apiUrl, 'POST', `/api/checkout/${orderId}/cancel`, token), 200, 'cancel');
        this.counts.abandoned += 1;
        continue;
      }
      const payment = await payHostedCheckout(checkoutUrl);
      if (payment.status !== 'redirected') throw new Error(`payment ${payment.status}: ${payment.error ?? ''}`);
      const sessionId = new URL(checkoutUrl).pathname.split('/').pop() ?? '';
      expectStatus(await send(this.apiUrl, 'POST', '/api/checkout/confirm', token, { sessionId }), 200, 'confirm');
      await this.watcher.wait(orderId, 120_000);
      this.counts.paid += 1;
    }
  }
}

/** Messages to the buyers' process (`mixed-buyers-process.ts`) and its answers, one answer per message. */
export type BuyersRequest =
  | { type: 'init'; apiUrl: string; redisUrl: string; tokens: string[]; productIds: string[]; abandonEvery: number }
  | { type: 'start' | 'counts' | 'stop' | 'exit' };
export type BuyersReply =
  | { type: 'ok' }
  | { type: 'counts'; counts: BuyerCounts }
  | { type: 'stopped'; productsLeft: number }
  | { type: 'error'; message: string };

/** `Buyers` in a forked process of their own, driven one request at a time. */
export class BuyersProcess {
  readonly #child: ChildProcess;
  #pending: ((reply: BuyersReply) => void) | undefined;

  private constructor(child: ChildProcess) {
    this.#child = child;
    child.on('message', (reply: BuyersReply) => {
      const pending = this.#pending;
      this.#pending = undefined;
      pending?.(reply);
    });
    child.on('exit', (code) => this.#pending?.({ type: 'error', message: `buyers' process exited (${code})` }));
  }

  static async start(init: Omit<Extract<BuyersRequest, { type: 'init' }>, 'type'>): Promise<BuyersProcess> {
    const child = fork(new URL('./mixed-buyers-process.ts', import.meta.url), [], {
      execArgv: ['--import', 'tsx', '--conditions=source'],
    });
    const buyers = new BuyersProcess(child);
    await buyers.#ask({ type: 'init', ...init });
    return buyers;
  }

  get pid(): number {
    return this.#child.pid ?? Number.NaN;
  }

  async #ask(request: BuyersRequest): Promise<BuyersReply> {
    const reply = await new Promise<BuyersReply>((resolve) => {
      this.#pending = resolve;
      this.#child.send(request);
    });
    if (reply.type === 'error') throw new Error(`buyers: ${reply.message}`);
    return reply;
  }

  async start(): Promise<void> {
    await this.#ask({ type: 'start' });
  }

  async counts(): Promise<BuyerCounts> {
    const reply = await this.#ask({ type: 'counts' });
    if (reply.type !== 'counts') throw new Error(`buyers: unexpected ${reply.type}`);
    return reply.counts;
  }

  /** Lets every buyer finish the checkout in hand; how many products are still on sale. */
  async stop(): Promise<number> {
    const reply = await this.#ask({ type: 'stop' });
    if (reply.type !== 'stopped') throw new Error(`buyers: unexpected ${reply.type}`);
    return reply.productsLeft;
  }

  async exit(): Promise<void> {
    if (this.#child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.#child.once('exit', resolve));
    await this.#ask({ type: 'exit' }).catch(() => this.#child.kill());
    await exited;
  }
}
