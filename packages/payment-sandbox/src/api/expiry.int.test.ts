import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payHostedCheckout } from '../testing/index.js';
import { SHOP, sessionParams, startHarness, type Harness } from '../test-support/harness.test-support.js';

describe('session expiry', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  it('when the shop expires an open session, then it is expired, its URL is gone and checkout.session.expired is sent', async () => {
    const session = await h.stripe.checkout.sessions.create(sessionParams());

    const expired = await h.stripe.checkout.sessions.expire(session.id, {}, { idempotencyKey: 'expire:1' });

    expect(expired).toMatchObject({ id: session.id, status: 'expired', payment_status: 'unpaid', url: null });
    const delivery = await h.receiver.waitForType('checkout.session.expired', session.id);
    expect(delivery.event.data.object).toMatchObject({
      status: 'expired',
      client_reference_id: 'order-1',
      metadata: { orderId: 'order-1' },
    });
    expect(delivery.event.request).toEqual({ id: expired.lastResponse.requestId, idempotency_key: 'expire:1' });
  });

  it('when a session is not open, then expiring it is refused', async () => {
    const paid = await h.stripe.checkout.sessions.create(sessionParams());
    await payHostedCheckout(paid.url as string);

    const error = await h.stripe.checkout.sessions.expire(paid.id).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({
      statusCode: 400,
      message: expect.stringContaining('Only Checkout Sessions with a status in ["open"] can be expired'),
    });
  });

  it('when the sandbox clock passes expires_at, then the session expires by itself', async () => {
    const session = await h.stripe.checkout.sessions.create(
      sessionParams({ expires_at: Math.floor(Date.now() / 1000) + 31 * 60 }),
    );

    await h.control('/clock/advance', { seconds: 32 * 60 });

    const delivery = await h.receiver.waitForType('checkout.session.expired', session.id);
    expect(delivery.event.request).toEqual({ id: null, idempotency_key: null });
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).status).toBe('expired');
  });

  it('when an expired session’s page is opened, then it says so (410) and offers the way back to the shop', async () => {
    const session = await h.stripe.checkout.sessions.create(sessionParams());
    await h.stripe.checkout.sessions.expire(session.id);

    const response = await fetch(session.url as string);
    const page = await response.text();

    expect(response.status).toBe(410);
    expect(page).toContain('This checkout session has expired');
    expect(page).toContain(`href="${SHOP}/cart"`);
    await expect(payHostedCheckout(session.url as string)).rejects.toThrow(/no payment form/);
  });

  it('when a session expires during 3-D Secure, then its PaymentIntent is canceled and the challenge can no longer pay', async () => {
    const session = await h.stripe.checkout.sessions.create(sessionParams());
    const pending = await payHostedCheckout(session.url as string, { card: '4000002500003155' });

    await h.control(`/checkout/sessions/${session.id}/expire`);
    const challenge = await fetch(pending.challengeUrl as string, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=complete',
    });

    expect(challenge.status).toBe(410);
    const after = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] });
    expect(after.status).toBe('expired');
    expect(after.payment_intent).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    await h.receiver.waitForType('payment_intent.canceled', (after.payment_intent as Stripe.PaymentIntent).id);
  });
});
