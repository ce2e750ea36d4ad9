import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer } from '@mercato/testkit';
import { startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { signedInUser } from '../../test-support/auth.test-support.js';
import { salesChannel } from '../checkout/deps.js';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

describe('live sales stream', () => {
  it('when an order is paid on any instance, then connected admin dashboards receive a sale event', async () => {
    const admin = await signedInUser(ctx, { role: 'admin' });
    const controller = new AbortController();
    const response = await fetch(`${ctx.url}/api/admin/analytics/stream`, {
      headers: { authorization: `Bearer ${admin.accessToken}` },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(received)) {
        const { value, done } = await reader.read();
        if (done) break;
        received += decoder.decode(value);
      }
    };
    await readUntil(/event: ready/);
    // What fulfilment publishes after a payment, as another API instance would.
    await ctx.redis.publish(
      salesChannel(ctx.config.REDIS_KEY_PREFIX),
      JSON.stringify({ type: 'order.paid', orderId: 'abc' }),
    );
    await readUntil(/event: sale/);
    expect(received).toContain('data: {"type":"order.paid","orderId":"abc"}');
    controller.abort();
  });

  it('when the server shuts down with dashboards connected, then their streams end and shutdown is prompt', async () => {
    const other = await startTestApp();
    const admin = await signedInUser(other, { role: 'admin' });
    const response = await fetch(`${other.url}/api/admin/analytics/stream`, {
      headers: { authorization: `Bearer ${admin.accessToken}` },
    });
    const reader = response.body!.getReader();
    await reader.read();
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(10_000);
    const rest = await reader.read().catch(() => ({ done: true }));
    expect(rest.done).toBe(true);
  });

  it('when Redis restarts, then connected dashboards hear sales again once it is back (the app subscribes again itself)', async () => {
    const redis = await startRedisServer();
    const shop = await startTestApp({ REDIS_URL: redis.url });
    const controller = new AbortController();
    try {
      const admin = await signedInUser(shop, { role: 'admin' });
      const response = await fetch(`${shop.url}/api/admin/analytics/stream`, {
        headers: { authorization: `Bearer ${admin.accessToken}` },
        signal: controller.signal,
      });
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let received = '';
      void (async () => {
        for (;;) {
          const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
          if (done) return;
          received += decoder.decode(value);
        }
      })();
      await expect.poll(() => received, { timeout: 5_000 }).toContain('event: ready');

      await redis.kill();
      await redis.restart();
      const channel = salesChannel(shop.config.REDIS_KEY_PREFIX);
      let sent = 0;
      await expect
        .poll(
          async () => {
            sent += 1;
            await shop.redis.publish(channel, JSON.stringify({ type: 'order.paid', orderId: `after-${sent}` }));
            return received;
          },
          { timeout: 15_000, interval: 250 },
        )
        .toMatch(/"orderId":"after-\d+"/);
    } finally {
      controller.abort();
      await shop.close();
      await redis.stop();
    }
  });
});
