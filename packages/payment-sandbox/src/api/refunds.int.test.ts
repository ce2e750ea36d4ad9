import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payHostedCheckout } from '../testing/index.js';
import { sessionParams, startHarness, type Harness } from '../test-support/harness.test-support.js';

describe('refunds', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  /** A paid session (total $84.98); returns its PaymentIntent id and charge id. */
  async function paidOrder(): Promise<{ paymentIntent: string; charge: string; amount: number }> {
    const session = await h.stripe.checkout.sessions.create(sessionParams());
    await payHostedCheckout(session.url as string);
    const pi = (await h.stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] }))
      .payment_intent as Stripe.PaymentIntent;
    return { paymentIntent: pi.id, charge: pi.latest_charge as string, amount: pi.amount };
  }

  it('when part of a payment is refunded and then the rest, then the charge ends fully refunded', async () => {
    const order = await paidOrder();

    const partial = await h.stripe.refunds.create(
      { payment_intent: order.paymentIntent, amount: 1000, reason: 'requested_by_customer' },
      { idempotencyKey: 'refund:1' },
    );
    const afterPartial = await h.stripe.charges.retrieve(order.charge);
    const rest = await h.stripe.refunds.create({ payment_intent: order.paymentIntent }, { idempotencyKey: 'refund:2' });
    const afterRest = await h.stripe.charges.retrieve(order.charge);

    expect(partial).toMatchObject({
      object: 'refund',
      amount: 1000,
      status: 'succeeded',
      currency: 'usd',
      payment_intent: order.paymentIntent,
      charge: order.charge,
      reason: 'requested_by_customer',
    });
    expect(afterPartial).toMatchObject({ amount_refunded: 1000, refunded: false });
    expect(rest.amount).toBe(order.amount - 1000);
    expect(afterRest).toMatchObject({ amount_refunded: order.amount, refunded: true });
    expect((await h.stripe.paymentIntents.retrieve(order.paymentIntent)).status).toBe('succeeded');
  });

  it('when a refund would exceed what is left, then Stripe’s amount_too_large error comes back', async () => {
    const order = await paidOrder();
    await h.stripe.refunds.create({ payment_intent: order.paymentIntent, amount: 8000 });

    const error = await h.stripe.refunds
      .create({ payment_intent: order.paymentIntent, amount: 1000 })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({
      statusCode: 400,
      code: 'amount_too_large',
      param: 'amount',
      message: `Refund amount ($10.00) is greater than unrefunded amount on charge ($${((order.amount - 8000) / 100).toFixed(2)})`,
    });
  });

  it('when a fully refunded charge is refunded again, then the answer is charge_already_refunded', async () => {
    const order = await paidOrder();
    await h.stripe.refunds.create({ charge: order.charge });

    const error = await h.stripe.refunds.create({ payment_intent: order.paymentIntent }).catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 400, code: 'charge_already_refunded' });
  });

  it('when a refund is made, then refund.created and charge.refunded are delivered with the new totals', async () => {
    const order = await paidOrder();

    const refund = await h.stripe.refunds.create(
      { payment_intent: order.paymentIntent, amount: 1500 },
      { idempotencyKey: 'refund:events' },
    );

    const created = await h.receiver.waitForType('refund.created', refund.id);
    const refunded = await h.receiver.waitForType('charge.refunded', order.charge);
    expect(created.event.data.object).toMatchObject({
      id: refund.id,
      amount: 1500,
      payment_intent: order.paymentIntent,
    });
    expect(created.event.request).toEqual({ id: refund.lastResponse.requestId, idempotency_key: 'refund:events' });
    expect(refunded.event.data.object).toMatchObject({ id: order.charge, amount_refunded: 1500, refunded: false });
    expect(refunded.event.data.previous_attributes).toEqual({ amount_refunded: 0, refunded: false });
  });

  it('when the PaymentIntent never succeeded or does not exist, then the refund is refused', async () => {
    const session = await h.stripe.checkout.sessions.create(sessionParams());
    await payHostedCheckout(session.url as string, { card: '4000000000000002' });
    const declined = (await h.stripe.checkout.sessions.retrieve(session.id)).payment_intent as string;

    const unpaid = await h.stripe.refunds.create({ payment_intent: declined }).catch((e: unknown) => e);
    const missing = await h.stripe.refunds.create({ payment_intent: 'pi_missing' }).catch((e: unknown) => e);
    const neither = await h.stripe.refunds.create({}).catch((e: unknown) => e);

    expect(unpaid).toMatchObject({
      statusCode: 400,
      message: expect.stringContaining('does not have a successful charge'),
    });
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'payment_intent' });
    expect(neither).toMatchObject({ statusCode: 400, code: 'parameter_missing' });
  });

  it('when refunds are listed and retrieved, then they are found by PaymentIntent and id', async () => {
    const order = await paidOrder();
    const first = await h.stripe.refunds.create({ payment_intent: order.paymentIntent, amount: 100 });
    const second = await h.stripe.refunds.create({ payment_intent: order.paymentIntent, amount: 200 });

    const listed = await h.stripe.refunds.list({ payment_intent: order.paymentIntent });
    const one = await h.stripe.refunds.retrieve(first.id, { expand: ['charge'] });

    expect(listed.data.map((refund) => refund.id)).toEqual([second.id, first.id]);
    expect((one.charge as Stripe.Charge).amount_refunded).toBe(300);
  });
});
