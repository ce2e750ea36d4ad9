import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payHostedCheckout } from '../testing/index.js';
import { sessionParams, startHarness, type Harness } from '../test-support/harness.test-support.js';

describe('idempotency keys', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  it('when a create is repeated with the same key and parameters, then the first response is replayed with Idempotent-Replayed', async () => {
    const first = await h.stripe.checkout.sessions.create(sessionParams(), { idempotencyKey: 'checkout:o-1:1' });

    const second = await h.stripe.checkout.sessions.create(sessionParams(), { idempotencyKey: 'checkout:o-1:1' });

    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(second.lastResponse.headers['original-request']).toBe(first.lastResponse.requestId);
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    const all = await h.stripe.checkout.sessions.list({ limit: 100 });
    expect(all.data.filter((session) => session.id === first.id)).toHaveLength(1);
  });

  it('when the same key comes with different parameters, then the SDK raises StripeIdempotencyError', async () => {
    await h.stripe.checkout.sessions.create(sessionParams(), { idempotencyKey: 'checkout:o-2:1' });

    const error = await h.stripe.checkout.sessions
      .create(sessionParams({ client_reference_id: 'someone-else' }), { idempotencyKey: 'checkout:o-2:1' })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error).toMatchObject({
      statusCode: 400,
      rawType: 'idempotency_error',
      message: expect.stringContaining('same parameters'),
    });
  });

  it('when the same key is used on another endpoint, then it is an idempotency error', async () => {
    await h.stripe.coupons.create({ percent_off: 5, duration: 'once' }, { idempotencyKey: 'shared-key' });

    const error = await h.stripe.checkout.sessions
      .create(sessionParams(), { idempotencyKey: 'shared-key' })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect((error as Error).message).toContain('same endpoint');
  });

  it('when the first use of a key failed validation, then a corrected request with that key runs normally', async () => {
    const invalid = await h.stripe.checkout.sessions
      .create(sessionParams({ success_url: 'nope' }), { idempotencyKey: 'checkout:o-3:1' })
      .catch((e: unknown) => e);

    const corrected = await h.stripe.checkout.sessions.create(sessionParams(), { idempotencyKey: 'checkout:o-3:1' });

    expect(invalid).toMatchObject({ code: 'url_invalid' });
    expect(corrected.status).toBe('open');
    expect(corrected.lastResponse.headers['idempotent-replayed']).toBeUndefined();
  });

  it('when a refund is retried with its key, then only one refund exists and an executed error is replayed too', async () => {
    const session = await h.stripe.checkout.sessions.create(sessionParams());
    await payHostedCheckout(session.url as string);
    const paid = await h.stripe.checkout.sessions.retrieve(session.id);
    const paymentIntent = paid.payment_intent as string;

    const first = await h.stripe.refunds.create(
      { payment_intent: paymentIntent, amount: 500 },
      { idempotencyKey: 'refund:r-1' },
    );
    const again = await h.stripe.refunds.create(
      { payment_intent: paymentIntent, amount: 500 },
      { idempotencyKey: 'refund:r-1' },
    );
    const tooMuch = await h.stripe.refunds
      .create({ payment_intent: paymentIntent, amount: 999_999 }, { idempotencyKey: 'refund:r-2' })
      .catch((e: unknown) => e);
    const tooMuchAgain = await h.stripe.refunds
      .create({ payment_intent: paymentIntent, amount: 999_999 }, { idempotencyKey: 'refund:r-2' })
      .catch((e: unknown) => e);

    expect(again.id).toBe(first.id);
    const refunds = await h.stripe.refunds.list({ payment_intent: paymentIntent });
    expect(refunds.data).toHaveLength(1);
    expect(tooMuch).toMatchObject({ code: 'amount_too_large' });
    expect(tooMuchAgain).toMatchObject({
      code: 'amount_too_large',
      headers: expect.objectContaining({ 'idempotent-replayed': 'true' }),
    });
  });

  it('when a key is longer than 255 characters, then the request is refused', async () => {
    const error = await h.stripe.coupons
      .create({ percent_off: 5, duration: 'once' }, { idempotencyKey: 'k'.repeat(256) })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 400, message: expect.stringContaining('255') });
  });
});
