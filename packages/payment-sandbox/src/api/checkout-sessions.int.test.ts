import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP, sessionParams, startHarness, type Harness } from '../test-support/harness.test-support.js';

const inMinutes = (minutes: number) => Math.floor(Date.now() / 1000) + minutes * 60;

describe('checkout sessions through the official SDK', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  it('when a session is created with a fixed coupon and shipping, then the amounts add up as Stripe computes them', async () => {
    const coupon = await h.stripe.coupons.create({ amount_off: 1000, currency: 'usd', duration: 'once' });
    const expiresAt = inMinutes(60);

    const session = await h.stripe.checkout.sessions.create(
      sessionParams({
        discounts: [{ coupon: coupon.id }],
        customer_email: 'ada@example.com',
        expires_at: expiresAt,
        shipping_options: [
          {
            shipping_rate_data: {
              display_name: 'Standard',
              type: 'fixed_amount',
              fixed_amount: { amount: 599, currency: 'usd' },
            },
          },
        ],
      }),
      { idempotencyKey: 'checkout:order-1:1' },
    );

    expect(session).toMatchObject({
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      currency: 'usd',
      amount_subtotal: 2 * 1999 + 4500,
      total_details: { amount_discount: 1000, amount_shipping: 599, amount_tax: 0 },
      amount_total: 2 * 1999 + 4500 - 1000 + 599,
      shipping_cost: { amount_subtotal: 599, amount_total: 599 },
      discounts: [{ coupon: coupon.id, promotion_code: null }],
      customer_email: 'ada@example.com',
      client_reference_id: 'order-1',
      metadata: { orderId: 'order-1' },
      expires_at: expiresAt,
      payment_intent: null,
      livemode: false,
      success_url: `${SHOP}/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.url).toBe(`${h.sandbox.url}/c/pay/${session.id}`);
    expect(session.line_items).toBeUndefined();
  });

  it('when the coupon is a percentage, then the discount is rounded once and spread over the lines exactly', async () => {
    const coupon = await h.stripe.coupons.create({ percent_off: 15, duration: 'once' });
    const session = await h.stripe.checkout.sessions.create(
      sessionParams({
        discounts: [{ coupon: coupon.id }],
        line_items: [
          { quantity: 3, price_data: { currency: 'usd', unit_amount: 333, product_data: { name: 'A' } } },
          { quantity: 1, price_data: { currency: 'usd', unit_amount: 1001, product_data: { name: 'B' } } },
          { quantity: 7, price_data: { currency: 'usd', unit_amount: 99, product_data: { name: 'C' } } },
        ],
      }),
    );

    const items = await h.stripe.checkout.sessions.listLineItems(session.id);

    const subtotal = 999 + 1001 + 693;
    expect(session.amount_subtotal).toBe(subtotal);
    expect(session.total_details?.amount_discount).toBe(Math.round(subtotal * 0.15));
    expect(items.data.reduce((sum, item) => sum + item.amount_discount, 0)).toBe(
      session.total_details?.amount_discount,
    );
    expect(items.data.reduce((sum, item) => sum + item.amount_total, 0)).toBe(session.amount_total);
    for (const item of items.data) expect(item.amount_total).toBe(item.amount_subtotal - item.amount_discount);
  });

  it('when retrieved with expand line_items and payment_intent, then both come inline', async () => {
    const created = await h.stripe.checkout.sessions.create(sessionParams());

    const session = await h.stripe.checkout.sessions.retrieve(created.id, {
      expand: ['line_items', 'payment_intent', 'total_details.breakdown'],
    });

    expect(session.payment_intent).toBeNull();
    expect(session.line_items?.data.map((item) => [item.description, item.quantity, item.amount_total])).toEqual([
      ['Ceramic mug', 2, 3998],
      ['Tea kettle', 1, 4500],
    ]);
    expect(session.line_items?.data[0]?.price).toMatchObject({
      object: 'price',
      unit_amount: 1999,
      currency: 'usd',
      type: 'one_time',
    });
    expect(session.total_details?.breakdown).toEqual({ discounts: [], taxes: [] });
  });

  it('when a line item’s product is expanded, then its product_data (name, images, metadata) comes back', async () => {
    const created = await h.stripe.checkout.sessions.create(
      sessionParams({
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: 'usd',
              unit_amount: 2500,
              product_data: {
                name: 'Lamp',
                images: ['https://cdn.shop.test/lamp.jpg'],
                metadata: { productId: 'p-lamp', sku: 'L-1' },
              },
            },
          },
        ],
      }),
    );

    const items = await h.stripe.checkout.sessions.listLineItems(created.id, { expand: ['data.price.product'] });

    expect(items.data[0]?.price?.product as Stripe.Product).toMatchObject({
      object: 'product',
      name: 'Lamp',
      images: ['https://cdn.shop.test/lamp.jpg'],
      metadata: { productId: 'p-lamp', sku: 'L-1' },
    });
  });

  it('when a session has 25 line items with nested metadata, then deep form encoding keeps every one intact', async () => {
    const lineItems = Array.from({ length: 25 }, (_, i) => ({
      quantity: i + 1,
      price_data: {
        currency: 'usd',
        unit_amount: 100 + i,
        product_data: {
          name: `Item ${i}`,
          images: [`https://cdn.shop.test/${i}.jpg`],
          metadata: { productId: `p-${i}`, 'note with spaces & symbols': `v=${i}&x` },
        },
      },
    }));

    const session = await h.stripe.checkout.sessions.create(
      sessionParams({ line_items: lineItems, payment_intent_data: { metadata: { orderId: 'o-25', nested: 'yes' } } }),
    );
    const all: Stripe.LineItem[] = [];
    for await (const item of h.stripe.checkout.sessions.listLineItems(session.id, {
      limit: 7,
      expand: ['data.price.product'],
    }))
      all.push(item);
    const expanded = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ['line_items'] });

    expect(all).toHaveLength(25);
    expect(all.map((item) => item.quantity)).toEqual(lineItems.map((item) => item.quantity));
    expect((all[24]?.price?.product as Stripe.Product).metadata).toEqual({
      productId: 'p-24',
      'note with spaces & symbols': 'v=24&x',
    });
    expect(session.amount_subtotal).toBe(
      lineItems.reduce((sum, item) => sum + item.quantity * item.price_data.unit_amount, 0),
    );
    expect(expanded.line_items?.data).toHaveLength(10);
    expect(expanded.line_items?.has_more).toBe(true);
  });

  it('when required parameters are missing, then the answer is 400 parameter_missing naming the param', async () => {
    const noItems = await h.stripe.checkout.sessions
      .create({ mode: 'payment', success_url: `${SHOP}/ok` })
      .catch((e: unknown) => e);
    const noName = await h.stripe.checkout.sessions
      .create(
        sessionParams({
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: 'usd',
                unit_amount: 100,
                product_data: {
                  description: 'no name',
                } as Stripe.Checkout.SessionCreateParams.LineItem.PriceData.ProductData,
              },
            },
          ],
        }),
      )
      .catch((e: unknown) => e);

    expect(noItems).toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
      code: 'parameter_missing',
      param: 'line_items',
    });
    expect(noName).toMatchObject({ code: 'parameter_missing', param: 'line_items[0][price_data][product_data][name]' });
  });

  it('when values are invalid, then the answer is 400 with Stripe’s code for each', async () => {
    const negative = await h.stripe.checkout.sessions
      .create(
        sessionParams({
          line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: -5, product_data: { name: 'X' } } }],
        }),
      )
      .catch((e: unknown) => e);
    const zeroQuantity = await h.stripe.checkout.sessions
      .create(
        sessionParams({
          line_items: [{ quantity: 0, price_data: { currency: 'usd', unit_amount: 500, product_data: { name: 'X' } } }],
        }),
      )
      .catch((e: unknown) => e);
    const badCurrency = await h.stripe.checkout.sessions
      .create(
        sessionParams({
          line_items: [{ quantity: 1, price_data: { currency: 'zzz', unit_amount: 500, product_data: { name: 'X' } } }],
        }),
      )
      .catch((e: unknown) => e);
    const badUrl = await h.stripe.checkout.sessions
      .create(sessionParams({ success_url: 'not a url' }))
      .catch((e: unknown) => e);
    const badEmail = await h.stripe.checkout.sessions
      .create(sessionParams({ customer_email: 'nobody' }))
      .catch((e: unknown) => e);

    expect(negative).toMatchObject({
      statusCode: 400,
      code: 'parameter_invalid_integer',
      param: 'line_items[0][price_data][unit_amount]',
    });
    expect(zeroQuantity).toMatchObject({
      statusCode: 400,
      code: 'parameter_invalid_integer',
      param: 'line_items[0][quantity]',
    });
    expect(badCurrency).toMatchObject({ statusCode: 400, param: 'line_items[0][price_data][currency]' });
    expect(badUrl).toMatchObject({ statusCode: 400, code: 'url_invalid', param: 'success_url' });
    expect(badEmail).toMatchObject({ statusCode: 400, code: 'email_invalid', param: 'customer_email' });
  });

  it('when expires_at is under 30 minutes or over 24 hours away, then the session is refused', async () => {
    const tooSoon = await h.stripe.checkout.sessions
      .create(sessionParams({ expires_at: inMinutes(29) }))
      .catch((e: unknown) => e);
    const tooLate = await h.stripe.checkout.sessions
      .create(sessionParams({ expires_at: inMinutes(24 * 60 + 5) }))
      .catch((e: unknown) => e);
    const justRight = await h.stripe.checkout.sessions.create(sessionParams({ expires_at: inMinutes(30) }));

    expect(tooSoon).toMatchObject({
      statusCode: 400,
      param: 'expires_at',
      message: expect.stringContaining('at least 30 minutes'),
    });
    expect(tooLate).toMatchObject({
      statusCode: 400,
      param: 'expires_at',
      message: expect.stringContaining('less than 24 hours'),
    });
    expect(justRight.status).toBe('open');
  });

  it('when the total is below Stripe’s minimum charge, then the session is refused with amount_too_small', async () => {
    const error = await h.stripe.checkout.sessions
      .create(
        sessionParams({
          line_items: [
            { quantity: 1, price_data: { currency: 'usd', unit_amount: 49, product_data: { name: 'Sticker' } } },
          ],
        }),
      )
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 400, code: 'amount_too_small' });
  });

  it('when a parameter Stripe has but the sandbox does not emulate is used, then it fails loudly instead of being ignored', async () => {
    const subscription = await h.stripe.checkout.sessions
      .create(sessionParams({ mode: 'subscription' }))
      .catch((e: unknown) => e);
    const tax = await h.stripe.checkout.sessions
      .create(sessionParams({ automatic_tax: { enabled: true } }))
      .catch((e: unknown) => e);
    const noTax = await h.stripe.checkout.sessions.create(sessionParams({ automatic_tax: { enabled: false } }));

    expect(subscription).toMatchObject({
      statusCode: 400,
      param: 'mode',
      message: expect.stringContaining('does not emulate'),
    });
    expect(tax).toMatchObject({
      statusCode: 400,
      param: 'automatic_tax',
      message: expect.stringContaining('does not emulate'),
    });
    expect(noTax.automatic_tax.enabled).toBe(false);
  });

  it('when the coupon is unknown or in another currency, then the session is refused', async () => {
    const euros = await h.stripe.coupons.create({ amount_off: 500, currency: 'eur', duration: 'once' });

    const missing = await h.stripe.checkout.sessions
      .create(sessionParams({ discounts: [{ coupon: 'NOPE' }] }))
      .catch((e: unknown) => e);
    const wrongCurrency = await h.stripe.checkout.sessions
      .create(sessionParams({ discounts: [{ coupon: euros.id }] }))
      .catch((e: unknown) => e);

    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'discounts[0][coupon]' });
    expect(wrongCurrency).toMatchObject({ statusCode: 400, param: 'discounts[0][coupon]' });
  });

  it('when a reusable shipping rate is created and referenced, then it prices the session', async () => {
    const rate = await h.stripe.shippingRates.create({
      display_name: 'Express',
      type: 'fixed_amount',
      fixed_amount: { amount: 1500, currency: 'usd' },
    });

    const session = await h.stripe.checkout.sessions.create(
      sessionParams({ shipping_options: [{ shipping_rate: rate.id }] }),
    );

    expect(session.shipping_options).toEqual([{ shipping_amount: 1500, shipping_rate: rate.id }]);
    expect(session.amount_total).toBe((session.amount_subtotal ?? 0) + 1500);
  });

  it('when sessions are listed by status, then only matching sessions come back, newest first', async () => {
    const first = await h.stripe.checkout.sessions.create(sessionParams());
    const second = await h.stripe.checkout.sessions.create(sessionParams());
    await h.stripe.checkout.sessions.expire(first.id);

    const open = await h.stripe.checkout.sessions.list({ status: 'open', limit: 100 });
    const expired = await h.stripe.checkout.sessions.list({ status: 'expired', limit: 100 });

    expect(open.data.map((s) => s.id)).toContain(second.id);
    expect(open.data.map((s) => s.id)).not.toContain(first.id);
    expect(expired.data.map((s) => s.id)).toContain(first.id);
    expect(open.data.findIndex((s) => s.id === second.id)).toBe(0);
  });

  it('when metadata is updated, then given keys change, emptied keys go and the rest stay', async () => {
    const session = await h.stripe.checkout.sessions.create(
      sessionParams({ metadata: { orderId: 'o-9', keep: 'yes', drop: 'me' } }),
    );

    const updated = await h.stripe.checkout.sessions.update(session.id, { metadata: { orderId: 'o-10', drop: '' } });

    expect(updated.metadata).toEqual({ orderId: 'o-10', keep: 'yes' });
  });
});
