import { request } from 'node:http';
import type Stripe from 'stripe';
import { freePort } from '@mercato/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { payHostedCheckout } from '../testing/index.js';
import { sessionParams, startHarness, type Harness } from '../test-support/harness.test-support.js';
import { startWebhookReceiver } from '../test-support/webhook-receiver.test-support.js';
import type { Delivery } from './webhook-dispatcher.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('webhook delivery', () => {
  let h: Harness;
  afterEach(() => h.stop());

  const deliveriesOf = async (eventId?: string): Promise<Delivery[]> => {
    const response = await fetch(`${h.sandbox.url}/_sandbox/deliveries${eventId ? `?event=${eventId}` : ''}`);
    return ((await response.json()) as { deliveries: Delivery[] }).deliveries;
  };
  /** Polls the deliveries control until one matches (state is recorded after the receiver has answered). */
  const waitForDelivery = async (predicate: (delivery: Delivery) => boolean, timeoutMs = 5_000): Promise<Delivery> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await deliveriesOf()).find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error('no delivery reached the expected state in time');
      await sleep(20);
    }
  };
  const pay = async () => {
    const session = await h.stripe.checkout.sessions.create(sessionParams());
    await payHostedCheckout(session.url as string);
    return session;
  };

  it('when the receiver answers 500 twice, then the event is retried with backoff until it is acknowledged', async () => {
    h = await startHarness({ retryDelaysMs: [50, 100, 200] });
    h.receiver.respondWith((index, event) =>
      event.type === 'checkout.session.completed' &&
      h.receiver.received.filter((r) => r.event.type === event.type).length <= 2
        ? 500
        : 200,
    );
    const session = await pay();

    const received = await h.receiver.waitFor(
      (list) => list.filter((r) => r.event.type === 'checkout.session.completed').length === 3,
    );

    const copies = received.filter((r) => r.event.type === 'checkout.session.completed');
    expect(new Set(copies.map((r) => r.event.id)).size).toBe(1);
    expect((copies[2]?.receivedAt ?? 0) - (copies[0]?.receivedAt ?? 0)).toBeGreaterThanOrEqual(150);
    const [delivery] = await deliveriesOf(copies[0]?.event.id);
    expect(delivery).toMatchObject({ state: 'delivered', url: h.receiver.url });
    expect(delivery?.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(delivery?.attempts[0]?.body).toContain('failing on purpose');
    expect(((copies[2]?.event.data.object ?? {}) as { id?: string }).id).toBe(session.id);
  });

  it('when every retry fails, then the delivery is marked failed after the schedule runs out', async () => {
    h = await startHarness({ retryDelaysMs: [20, 20] });
    h.receiver.respondWith(() => 503);
    await pay();

    await h.receiver.waitFor((list) => list.filter((r) => r.event.type === 'checkout.session.completed').length === 3);

    const completed = await waitForDelivery(
      (d) => d.eventType === 'checkout.session.completed' && d.state === 'failed',
    );
    expect(completed.attempts.map((a) => a.status)).toEqual([503, 503, 503]);
  });

  it('when the app is down at payment time and comes back, then the retry delivers the event', async () => {
    h = await startHarness({ retryDelaysMs: [100, 200, 400, 800, 1_600, 3_200] });
    const port = h.receiver.port;
    await h.receiver.close();
    const session = await pay();
    await sleep(150);

    const revived = await startWebhookReceiver(h.webhookSecret, port);
    try {
      const delivery = await revived.waitForType('checkout.session.completed', session.id, 8_000);
      expect(delivery.event.data.object).toMatchObject({ id: session.id, payment_status: 'paid' });
      const attempts = (await deliveriesOf(delivery.event.id))[0]?.attempts ?? [];
      expect(attempts[0]).toMatchObject({ status: null, error: 'ECONNREFUSED' });
      expect(attempts.at(-1)?.status).toBe(200);
    } finally {
      await revived.close();
    }
  });

  it('when the receiver does not answer in time, then the attempt times out and is retried', async () => {
    h = await startHarness({ retryDelaysMs: [50], deliveryTimeoutMs: 200 });
    h.receiver.respondWith((index, event) =>
      event.type === 'checkout.session.completed' &&
      h.receiver.received.filter((r) => r.event.type === event.type).length === 1
        ? 'hang'
        : 200,
    );
    await pay();

    await h.receiver.waitFor(
      (list) => list.filter((r) => r.event.type === 'checkout.session.completed').length === 2,
      3_000,
    );

    const completed = await waitForDelivery(
      (d) => d.eventType === 'checkout.session.completed' && d.state === 'delivered',
    );
    expect(completed.attempts[0]).toMatchObject({ status: null, error: 'timed out after 200 ms' });
    expect(completed.attempts[1]?.status).toBe(200);
  });

  it('when nothing interferes, then events arrive in creation order', async () => {
    h = await startHarness();
    await pay();

    const received = await h.receiver.waitFor((list) =>
      list.some((r) => r.event.type === 'checkout.session.completed'),
    );

    expect(received.map((r) => r.event.type)).toEqual([
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
      'checkout.session.completed',
    ]);
    const created = received.map((r) => r.event.created);
    expect([...created].sort((a, b) => a - b)).toEqual(created);
  });

  it('when an event is redelivered three times, then the receiver gets four identical, separately signed copies', async () => {
    h = await startHarness();
    const session = await pay();
    const original = await h.receiver.waitForType('checkout.session.completed', session.id);

    const result = await h.control<{ redelivered: string[] }>(`/events/${original.event.id}/redeliver`, { times: 3 });

    const copies = await h.receiver.waitFor(
      (list) => list.filter((r) => r.event.id === original.event.id).length === 4,
    );
    expect(result.redelivered).toHaveLength(3);
    expect(copies.filter((r) => r.event.id === original.event.id).map((r) => r.event.type)).toEqual(
      Array(4).fill('checkout.session.completed'),
    );
    expect(h.receiver.rejected).toEqual([]);
  });

  it('when deliveries are held and released in reverse, then the receiver sees them newest first', async () => {
    h = await startHarness();
    await h.control('/webhooks/hold');
    await pay();
    await sleep(50);
    expect(h.receiver.received).toHaveLength(0);

    const { released } = await h.control<{ released: { type: string }[] }>('/webhooks/release', { order: 'reverse' });

    const received = await h.receiver.waitFor((list) => list.length === 4);
    expect(released.map((d) => d.type)).toEqual([
      'checkout.session.completed',
      'payment_intent.succeeded',
      'charge.succeeded',
      'payment_intent.created',
    ]);
    expect(received.map((r) => r.event.type)).toEqual(released.map((d) => d.type));
  });

  it('when held deliveries are released shuffled with a seed, then every event arrives once in that seeded order', async () => {
    h = await startHarness();
    await h.control('/webhooks/hold');
    await pay();
    await pay();

    const { released } = await h.control<{ released: { event: string }[] }>('/webhooks/release', {
      order: 'shuffle',
      seed: 42,
    });

    const received = await h.receiver.waitFor((list) => list.length === 8);
    expect(received.map((r) => r.event.id)).toEqual(released.map((d) => d.event));
    expect(new Set(received.map((r) => r.event.id)).size).toBe(8);
  });

  it('when a delivery delay is set, then events arrive no sooner than the delay', async () => {
    h = await startHarness();
    await h.control('/webhooks/delay', { ms: 300 });
    const startedAt = Date.now();

    const session = await pay();

    const delivery = await h.receiver.waitForType('checkout.session.completed', session.id);
    expect(delivery.receivedAt - startedAt).toBeGreaterThanOrEqual(300);
  });

  it('when the deliveries page is opened, then it lists recent events with each attempt’s response code and body', async () => {
    h = await startHarness({ retryDelaysMs: [30] });
    h.receiver.respondWith((index) => (index === 0 ? 500 : 200));
    await pay();
    await h.receiver.waitFor((list) => list.length >= 5);

    const response = await fetch(`${h.sandbox.url}/_sandbox`);
    const page = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    for (const type of [
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
      'checkout.session.completed',
    ])
      expect(page).toContain(type);
    expect(page).toMatch(
      /<td>HTTP 500<\/td><td>\d+ ms<\/td><td><pre><code>failing on purpose \(500\)<\/code><\/pre><\/td>/,
    );
    expect(page).toMatch(/<td>HTTP 200<\/td><td>\d+ ms<\/td><td><pre><code>ok evt_/);
  });

  it('when the controls are reached through the public URL or another port, then they are refused; on the sandbox’s own port they answer', async () => {
    h = await startHarness({ publicUrl: 'https://pay.shop.test' });
    const holdWithHost = (host: string) =>
      new Promise<number | undefined>((resolve, reject) => {
        const req = request(`${h.sandbox.url}/_sandbox/webhooks/hold`, { method: 'POST', headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        });
        req.on('error', reject);
        req.end();
      });

    const viaPublicUrl = await holdWithHost('pay.shop.test');
    const viaOtherPort = await holdWithHost('shop.example.com');
    const settingsBefore = await (await fetch(`${h.sandbox.url}/_sandbox/deliveries`)).json();
    const viaContainerName = await holdWithHost(`payments:${h.sandbox.port}`);

    expect([viaPublicUrl, viaOtherPort, viaContainerName]).toEqual([404, 404, 200]);
    expect(settingsBefore).toMatchObject({ settings: { holding: false } });
  });

  it('when the sandbox stops with retries pending, then nothing more is sent', async () => {
    h = await startHarness({ retryDelaysMs: [1_000] });
    h.receiver.respondWith(() => 500);
    await pay();
    await h.receiver.waitFor((list) => list.length === 4);

    await h.sandbox.stop();
    await sleep(1_100);

    expect(h.receiver.received).toHaveLength(4);
  });

  it('when an endpoint is created through the API for one event type, then it receives only that type, signed with its own secret', async () => {
    h = await startHarness();
    const port = await freePort();
    const endpoint = await h.stripe.webhookEndpoints.create({
      url: `http://127.0.0.1:${port}/hook`,
      enabled_events: ['checkout.session.completed'],
    });
    const second = await startWebhookReceiver(endpoint.secret as string, port);
    try {
      const session = await pay();

      await second.waitForType('checkout.session.completed', session.id);
      await h.receiver.waitFor((list) => list.length === 4);
      const listed = await h.stripe.webhookEndpoints.list();
      await h.stripe.webhookEndpoints.del(endpoint.id);

      expect(endpoint.secret).toMatch(/^whsec_/);
      expect(second.received.map((r) => r.event.type)).toEqual(['checkout.session.completed']);
      expect(second.rejected).toEqual([]);
      expect(listed.data.map((e: Stripe.WebhookEndpoint) => e.url)).toContain(endpoint.url);
      expect(listed.data.every((e: Stripe.WebhookEndpoint) => e.secret === undefined)).toBe(true);
      await expect(h.stripe.webhookEndpoints.retrieve(endpoint.id)).rejects.toMatchObject({ statusCode: 404 });
    } finally {
      await second.close();
    }
  });
});
