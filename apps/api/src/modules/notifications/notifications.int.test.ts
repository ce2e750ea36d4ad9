import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '../../test-support/auth.test-support.js';
import { quickShoppers } from '../../test-support/checkout.test-support.js';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

const inbox = (shopper: SignedIn) => request(ctx.url, 'GET', '/api/notifications', { token: shopper.accessToken });
const markRead = (shopper: SignedIn, body: unknown) =>
  request(ctx.url, 'POST', '/api/notifications/read', { token: shopper.accessToken, body });

/** A shopper with `count` unread notifications, made through the same repository fulfilment uses. */
async function shopperWithNotifications(count: number) {
  const [shopper] = await quickShoppers(ctx, 1);
  if (!shopper) throw new Error('no shopper');
  for (let index = 0; index < count; index += 1) {
    await ctx.app.commerce.notifications.create({
      userId: new ObjectId(shopper.userId),
      type: 'order.paid',
      title: `Order M-${index} confirmed`,
      body: 'We have received your payment.',
      link: null,
      dedupeKey: `test:${shopper.userId}:${index}`,
    });
  }
  return shopper;
}

describe('in-app notifications', () => {
  it('when the shopper marks some read and then all, then the unread count goes down each time and read ones say when', async () => {
    const shopper = await shopperWithNotifications(3);
    const listed = await inbox(shopper);
    expect(listed.body.unreadCount).toBe(3);
    const [first, second] = listed.body.items as { id: string }[];

    const some = await markRead(shopper, { ids: [first?.id, second?.id] });

    expect(some.status).toBe(204);
    const afterSome = await inbox(shopper);
    expect(afterSome.body.unreadCount).toBe(1);
    const readAt = (id: string | undefined) =>
      (afterSome.body.items as { id: string; readAt: string | null }[]).find((item) => item.id === id)?.readAt;
    expect(readAt(first?.id)).toEqual(expect.any(String));
    expect(readAt(second?.id)).toEqual(expect.any(String));

    expect((await markRead(shopper, {})).status).toBe(204);
    const afterAll = await inbox(shopper);
    expect(afterAll.body.unreadCount).toBe(0);
    expect(afterAll.body.items).toHaveLength(3);
  });

  it("when a shopper marks another shopper's notification read, then the other's unread count is unchanged", async () => {
    const owner = await shopperWithNotifications(2);
    const [stranger] = await quickShoppers(ctx, 1);
    if (!stranger) throw new Error('no stranger');
    const ids = ((await inbox(owner)).body.items as { id: string }[]).map((item) => item.id);

    const attempt = await markRead(stranger, { ids });

    expect(attempt.status).toBe(204);
    expect((await inbox(owner)).body.unreadCount).toBe(2);
  });

  it('when the ids are not ids, then 400 names the field and nothing is marked', async () => {
    const shopper = await shopperWithNotifications(1);

    const answer = await markRead(shopper, { ids: ['not-an-id'] });

    expect(answer).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', errors: [{ path: 'body.ids.0' }] },
    });
    expect((await inbox(shopper)).body.unreadCount).toBe(1);
  });
});
