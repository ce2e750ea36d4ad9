import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { Redis } from 'ioredis';
import { ObjectId, type Db } from 'mongodb';
import { createAccessTokens } from '../../apps/api/src/modules/auth/access-token.js';

/** A signed-in user made straight in the database (bcrypt and the login rate limit are not what is measured). */
export interface BenchShopper {
  userId: ObjectId;
  email: string;
  token: string;
}

/** One checkout to run: a shopper whose cart holds one unit, and the cart fingerprint the shopper saw. */
export interface CheckoutJob {
  shopper: BenchShopper;
  productId: string;
  fingerprint: string;
}

/** performance.now() marks of one checkout: started → order created → paid on the hosted page → fulfilled. */
export interface CheckoutTiming {
  orderId: string;
  started: number;
  created: number;
  paid: number;
  fulfilled: number;
}

export const ADDRESS = {
  name: 'Bench Shopper',
  line1: '1 Load Street',
  line2: '',
  city: 'London',
  postalCode: 'EC1A 1BB',
  country: 'GB',
  phone: '+44 20 7946 0000',
};

export async function createShoppers(
  db: Db,
  jwtSecret: string,
  count: number,
  role: 'customer' | 'admin' = 'customer',
): Promise<BenchShopper[]> {
  const tokens = createAccessTokens(jwtSecret, 60 * 60);
  const now = new Date();
  const made = Array.from({ length: count }, () => {
    const userId = new ObjectId();
    return { userId, sessionId: new ObjectId(), email: `bench-${userId.toHexString()}@bench.example` };
  });
  if (made.length === 0) return [];
  await db.collection('users').insertMany(
    made.map((user) => ({
      _id: user.userId,
      email: user.email,
      name: 'Bench Shopper',
      passwordHash: '$2b$12$notusedbythebenchmarknotusedbythebenchmarknotusedbyth',
      role,
      status: 'active',
      createdAt: now,
      updatedAt: now,
      verifiedAt: now,
    })),
  );
  await db.collection('sessions').insertMany(
    made.map((user) => ({
      _id: user.sessionId,
      userId: user.userId,
      tokenHash: `unused-${user.sessionId.toHexString()}`,
      usedTokenHashes: [],
      createdAt: now,
      lastUsedAt: now,
      expiresAt: new Date(now.getTime() + 24 * 60 * 60 * 1000),
      userAgent: 'mercato-bench',
      ip: '127.0.0.1',
    })),
  );
  return Promise.all(
    made.map(async (user) => ({
      userId: user.userId,
      email: user.email,
      token: await tokens.sign({
        userId: user.userId.toHexString(),
        role,
        sessionId: user.sessionId.toHexString(),
      }),
    })),
  );
}

/** A JSON call to the API as `token`'s user: the status and the body's text, whatever the status. */
export async function sendApi(
  apiUrl: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; text: string }> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

/** A JSON call to the API; throws on any status other than `expected`, so a benchmark never times failures. */
export async function callApi<T>(
  apiUrl: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
  expected = 200,
): Promise<T> {
  const { status, text } = await sendApi(apiUrl, method, path, token, body);
  if (status !== expected) throw new Error(`${method} ${path}: ${status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** Runs `task` for every item with at most `limit` in flight. */
export async function inParallel<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index] as T);
      }
    }),
  );
  return results;
}

export async function createProducts(
  apiUrl: string,
  adminToken: string,
  count: number,
  stock: number,
  label: string,
): Promise<string[]> {
  return inParallel(
    Array.from({ length: count }, (_, index) => index),
    8,
    async (index) =>
      (
        await callApi<{ id: string }>(
          apiUrl,
          'POST',
          '/api/admin/products',
          adminToken,
          { name: `${label} ${index} ${new ObjectId().toHexString().slice(-6)}`, price: 2500, stock },
          201,
        )
      ).id,
  );
}

/** Puts one unit in each shopper's cart; the answer is the cart as shown, with its fingerprint. */
export function prepareCarts(apiUrl: string, shoppers: BenchShopper[], productOf: (index: number) => string) {
  return inParallel(
    shoppers.map((shopper, index) => ({ shopper, productId: productOf(index) })),
    16,
    async ({ shopper, productId }): Promise<CheckoutJob> => {
      const cart = await callApi<{ fingerprint: string }>(apiUrl, 'POST', '/api/cart/items', shopper.token, {
        productId,
        quantity: 1,
      });
      return { shopper, productId, fingerprint: cart.fingerprint };
    },
  );
}

/**
 * Knows when each order's fulfilment is complete: the API publishes `order.paid` on its sales channel after
 * every payment side effect has run (stock committed, coupon, cart, loyalty, email, notification). A pattern
 * subscription catches the channel with or without the key prefix.
 */
export class FulfilmentWatcher {
  readonly #arrived = new Map<string, number>();
  readonly #waiting = new Map<string, (at: number) => void>();
  readonly #redis: Redis;

  private constructor(redis: Redis) {
    this.#redis = redis;
    redis.on('pmessage', (_pattern: string, _channel: string, message: string) => {
      const at = performance.now();
      const event = JSON.parse(message) as { type?: string; orderId?: string };
      if (event.type !== 'order.paid' || !event.orderId) return;
      this.#arrived.set(event.orderId, at);
      this.#waiting.get(event.orderId)?.(at);
    });
  }

  static async start(redisUrl: string): Promise<FulfilmentWatcher> {
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    await redis.psubscribe('*events:sales');
    return new FulfilmentWatcher(redis);
  }

  wait(orderId: string, timeoutMs: number): Promise<number> {
    const arrived = this.#arrived.get(orderId);
    if (arrived !== undefined) return Promise.resolve(arrived);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(orderId);
        reject(new Error(`order ${orderId} was not fulfilled within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiting.set(orderId, (at) => {
        clearTimeout(timer);
        this.#waiting.delete(orderId);
        resolve(at);
      });
    });
  }

  async stop(): Promise<void> {
    this.#redis.disconnect();
  }
}

/**
 * One shopper's checkout as a browser drives it: Pay (our API), card on the hosted page, then the webhook's work.
 * With `confirm`, the browser also lands on the success page, which asks the API to confirm the session (the same
 * idempotent fulfilment, run by whichever of page and webhook comes first).
 */
export async function runCheckout(
  apiUrl: string,
  job: CheckoutJob,
  watcher: FulfilmentWatcher,
  confirm = false,
): Promise<CheckoutTiming> {
  const started = performance.now();
  const checkout = await callApi<{ orderId: string; checkoutUrl: string }>(
    apiUrl,
    'POST',
    '/api/checkout',
    job.shopper.token,
    { shippingAddress: ADDRESS, cartFingerprint: job.fingerprint },
    201,
  );
  const created = performance.now();
  const payment = await payHostedCheckout(checkout.checkoutUrl);
  if (payment.status !== 'redirected') throw new Error(`payment ${payment.status}: ${payment.error ?? ''}`);
  const paid = performance.now();
  if (confirm) {
    const sessionId = new URL(checkout.checkoutUrl).pathname.split('/').pop() ?? '';
    await callApi(apiUrl, 'POST', '/api/checkout/confirm', job.shopper.token, { sessionId });
  }
  const fulfilled = await watcher.wait(checkout.orderId, 120_000);
  return { orderId: checkout.orderId, started, created, paid, fulfilled };
}
