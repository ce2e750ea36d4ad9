import Stripe from 'stripe';
import { startPaymentSandbox, type PaymentSandbox, type PaymentSandboxOptions } from '../index.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.test-support.js';

export interface Harness {
  sandbox: PaymentSandbox;
  stripe: Stripe;
  receiver: WebhookReceiver;
  webhookSecret: string;
  /** POSTs to a `/_sandbox/...` control and returns its JSON. */
  control<T = Record<string, unknown>>(path: string, body?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

export const SHOP = 'http://shop.test';

/** A fresh sandbox with fast retries, its webhooks pointed at a verifying receiver, and an SDK client aimed at it. */
export async function startHarness(options: PaymentSandboxOptions = {}): Promise<Harness> {
  const webhookSecret = `whsec_test_${Math.random().toString(36).slice(2)}`;
  const receiver = await startWebhookReceiver(webhookSecret);
  const sandbox = await startPaymentSandbox({
    retryDelaysMs: [50, 100, 200],
    deliveryTimeoutMs: 1_000,
    expirySweepMs: 50,
    webhooks: [{ url: receiver.url, secret: webhookSecret }],
    ...options,
  });
  return {
    sandbox,
    stripe: createStripeClient(sandbox),
    receiver,
    webhookSecret,
    control: async (path, body = {}) => {
      const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`control ${path} answered ${response.status}: ${await response.text()}`);
      return response.json() as never;
    },
    stop: async () => {
      await sandbox.stop();
      await receiver.close();
    },
  };
}

/** The SDK configured as the app configures it for the sandbox: host, port and protocol only. */
export function createStripeClient(sandbox: PaymentSandbox, secretKey = sandbox.secretKey): Stripe {
  return new Stripe(secretKey, {
    host: sandbox.host,
    port: sandbox.port,
    protocol: 'http',
    maxNetworkRetries: 0,
    timeout: 5_000,
    telemetry: false,
  });
}

/** A typical shop session: two products, shipping, success and cancel URLs. */
export function sessionParams(
  overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Stripe.Checkout.SessionCreateParams {
  return {
    mode: 'payment',
    line_items: [
      {
        quantity: 2,
        price_data: {
          currency: 'usd',
          unit_amount: 1999,
          product_data: { name: 'Ceramic mug', metadata: { productId: 'p-mug' } },
        },
      },
      { quantity: 1, price_data: { currency: 'usd', unit_amount: 4500, product_data: { name: 'Tea kettle' } } },
    ],
    success_url: `${SHOP}/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${SHOP}/cart`,
    client_reference_id: 'order-1',
    metadata: { orderId: 'order-1' },
    payment_intent_data: { metadata: { orderId: 'order-1' } },
    ...overrides,
  };
}
