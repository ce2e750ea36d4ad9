import { createHash } from 'node:crypto';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeThreeDSChallenge, payHostedCheckout } from '../testing/index.js';
import { SHOP, sessionParams, startHarness, type Harness } from '../test-support/harness.test-support.js';

describe('paying on the hosted checkout page', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  const newSession = (overrides: Partial<Stripe.Checkout.SessionCreateParams> = {}) =>
    h.stripe.checkout.sessions.create(sessionParams(overrides));
  const paymentIntentOf = async (sessionId: string) =>
    (await h.stripe.checkout.sessions.retrieve(sessionId, { expand: ['payment_intent'] }))
      .payment_intent as Stripe.PaymentIntent | null;

  it('when the customer pays with 4242, then they land on the success URL and a signed checkout.session.completed arrives', async () => {
    const session = await newSession();

    const result = await payHostedCheckout(session.url as string, {
      card: '4242 4242 4242 4242',
      email: 'ada@example.com',
    });

    expect(result).toEqual({ status: 'redirected', location: `${SHOP}/checkout/success?session_id=${session.id}` });
    const delivery = await h.receiver.waitForType('checkout.session.completed', session.id);
    expect(h.receiver.rejected).toEqual([]);
    expect(delivery.headers['user-agent']).toBe('Stripe/1.0 (+https://stripe.com/docs/webhooks)');
    expect(delivery.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(delivery.headers['stripe-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(delivery.rawBody).toBe(JSON.stringify(JSON.parse(delivery.rawBody), null, 2));
    expect(delivery.event).toMatchObject({
      object: 'event',
      livemode: false,
      request: { id: null, idempotency_key: null },
    });
    const completed = delivery.event.data.object as Stripe.Checkout.Session;
    expect(completed).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
      url: null,
      client_reference_id: 'order-1',
      amount_total: session.amount_total,
    });
    expect(completed.customer_details).toMatchObject({ email: 'ada@example.com', name: 'Test Customer' });
    expect(completed.line_items).toBeUndefined();
  });

  it('when a payment succeeds, then the PaymentIntent and Charge exist with the payment_intent_data metadata', async () => {
    const session = await newSession();

    await payHostedCheckout(session.url as string);

    const paid = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent.latest_charge'] });
    const pi = paid.payment_intent as Stripe.PaymentIntent;
    const charge = pi.latest_charge as Stripe.Charge;
    expect(pi).toMatchObject({
      status: 'succeeded',
      amount: session.amount_total,
      amount_received: session.amount_total,
      currency: 'usd',
      metadata: { orderId: 'order-1' },
    });
    expect(charge).toMatchObject({
      status: 'succeeded',
      paid: true,
      captured: true,
      amount: session.amount_total,
      amount_refunded: 0,
      refunded: false,
      payment_intent: pi.id,
    });
    expect(charge.payment_method_details?.card).toMatchObject({ brand: 'visa', last4: '4242' });
    expect(await h.stripe.paymentIntents.retrieve(pi.id)).toMatchObject({ id: pi.id, status: 'succeeded' });
    expect(await h.stripe.charges.retrieve(charge.id)).toMatchObject({ id: charge.id, status: 'succeeded' });
    const succeeded = await h.receiver.waitForType('payment_intent.succeeded', pi.id);
    expect((succeeded.event.data.object as Stripe.PaymentIntent).metadata).toEqual({ orderId: 'order-1' });
  });

  it.each([
    ['5555 5555 5555 4444', 'mastercard'],
    ['3782 822463 10005', 'amex'],
    ['6011 1111 1111 1117', 'discover'],
  ])('when the customer pays with the success card %s, then the payment succeeds as %s', async (card, brand) => {
    const session = await newSession();

    const result = await payHostedCheckout(session.url as string, { card });

    expect(result.status).toBe('redirected');
    const charge = (await h.stripe.charges.list({ payment_intent: (await paymentIntentOf(session.id))?.id })).data[0];
    expect(charge?.payment_method_details?.card?.brand).toBe(brand);
  });

  it('when the customer pays with 4000 0000 0000 0077, then the payment succeeds with a balance transaction at once', async () => {
    const session = await newSession();

    const result = await payHostedCheckout(session.url as string, { card: '4000000000000077' });

    expect(result).toEqual({ status: 'redirected', location: `${SHOP}/checkout/success?session_id=${session.id}` });
    const pi = await paymentIntentOf(session.id);
    expect(pi?.status).toBe('succeeded');
    const [charge] = (await h.stripe.charges.list({ payment_intent: pi?.id })).data;
    expect(charge).toMatchObject({ status: 'succeeded', paid: true, disputed: false });
    expect(charge?.balance_transaction).toMatch(/^txn_/);
    expect(charge?.payment_method_details?.card).toMatchObject({ brand: 'visa', last4: '0077' });
    await h.receiver.waitForType('checkout.session.completed', session.id);
  });

  it('when the customer pays with 4000 0000 0000 0259, then the payment succeeds and, as documented, no dispute follows', async () => {
    const session = await newSession();

    const result = await payHostedCheckout(session.url as string, { card: '4000000000000259' });

    expect(result.status).toBe('redirected');
    const pi = await paymentIntentOf(session.id);
    const [charge] = (await h.stripe.charges.list({ payment_intent: pi?.id })).data;
    expect(charge).toMatchObject({ status: 'succeeded', disputed: false });
    expect(charge?.payment_method_details?.card?.last4).toBe('0259');
    await h.receiver.waitForType('checkout.session.completed', session.id);
    // Disputes are not emulated (README, known differences): Stripe would send charge.dispute.created later.
    const disputes = await h.stripe.events.list({ type: 'charge.dispute.*' });
    expect(disputes.data).toEqual([]);
  });

  it.each([
    ['4000000000000002', 'card_declined', 'generic_decline', 'Your card was declined.'],
    ['4000000000009995', 'card_declined', 'insufficient_funds', 'Your card has insufficient funds.'],
    ['4000000000009987', 'card_declined', 'lost_card', 'Your card was declined.'],
    ['4000000000009979', 'card_declined', 'stolen_card', 'Your card was declined.'],
    ['4000000000000069', 'expired_card', 'expired_card', 'Your card has expired.'],
    ['4000000000000127', 'incorrect_cvc', 'incorrect_cvc', "Your card's security code is incorrect."],
    [
      '4000000000000119',
      'processing_error',
      'processing_error',
      'An error occurred while processing your card. Try again in a little bit.',
    ],
    ['4000000000006975', 'card_declined', 'card_velocity_exceeded', expect.stringContaining('repeated attempts')],
    ['4100000000000019', 'card_declined', 'fraudulent', 'Your card was declined.'],
  ])(
    'when the customer pays with %s, then the page shows the %s/%s error and the session stays open',
    async (card, code, declineCode, message) => {
      const session = await newSession();

      const result = await payHostedCheckout(session.url as string, { card });

      expect(result).toMatchObject({ status: 'declined', error: message, code: declineCode });
      const again = await h.stripe.checkout.sessions.retrieve(session.id);
      expect(again).toMatchObject({ status: 'open', payment_status: 'unpaid', url: session.url });
      const pi = await paymentIntentOf(session.id);
      expect(pi).toMatchObject({
        status: 'requires_payment_method',
        last_payment_error: { type: 'card_error', code, decline_code: declineCode },
      });
      const failed = await h.receiver.waitForType('payment_intent.payment_failed', pi?.id);
      expect((failed.event.data.object as Stripe.PaymentIntent).last_payment_error?.code).toBe(code);
      expect(
        h.receiver.received.some(
          (r) =>
            r.event.type === 'checkout.session.completed' && (r.event.data.object as { id: string }).id === session.id,
        ),
      ).toBe(false);
    },
  );

  it('when a declined customer tries again with a good card, then the same PaymentIntent succeeds and the session completes', async () => {
    const session = await newSession();
    await payHostedCheckout(session.url as string, { card: '4000000000009995' });
    const firstPi = await paymentIntentOf(session.id);

    const retry = await payHostedCheckout(session.url as string, { card: '4242424242424242' });

    expect(retry.status).toBe('redirected');
    const pi = await paymentIntentOf(session.id);
    expect(pi?.id).toBe(firstPi?.id);
    expect(pi).toMatchObject({ status: 'succeeded', last_payment_error: null });
    const charges = await h.stripe.charges.list({ payment_intent: pi?.id });
    expect(charges.data.map((charge) => charge.status)).toEqual(['succeeded', 'failed']);
  });

  it.each(['4000002500003155', '4000002760003184', '4000000000003220'])(
    'when %s needs 3-D Secure and the customer completes it, then the payment succeeds',
    async (card) => {
      const session = await newSession();

      const first = await payHostedCheckout(session.url as string, { card });
      const pending = await paymentIntentOf(session.id);
      const result = await completeThreeDSChallenge(first.challengeUrl as string, 'complete');

      expect(first).toMatchObject({
        status: 'requires_action',
        challengeUrl: expect.stringContaining(`/c/pay/${session.id}/3ds/`),
      });
      expect(pending).toMatchObject({ status: 'requires_action', next_action: { type: 'redirect_to_url' } });
      expect(result).toEqual({ status: 'redirected', location: `${SHOP}/checkout/success?session_id=${session.id}` });
      const charge = (await h.stripe.charges.list({ payment_intent: pending?.id })).data[0];
      expect(charge?.payment_method_details?.card?.three_d_secure).toMatchObject({ result: 'authenticated' });
      await h.receiver.waitForType('checkout.session.completed', session.id);
    },
  );

  it('when the customer fails 3-D Secure, then the payment fails with payment_intent_authentication_failure and the session stays open', async () => {
    const session = await newSession();
    const first = await payHostedCheckout(session.url as string, { card: '4000002500003155' });

    const result = await completeThreeDSChallenge(first.challengeUrl as string, 'fail');

    expect(result).toMatchObject({
      status: 'declined',
      code: 'payment_intent_authentication_failure',
      error: expect.stringContaining('unable to authenticate'),
    });
    expect(await paymentIntentOf(session.id)).toMatchObject({
      status: 'requires_payment_method',
      last_payment_error: { code: 'payment_intent_authentication_failure' },
    });
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
    await expect(completeThreeDSChallenge(first.challengeUrl as string, 'complete')).rejects.toThrow(
      /no 3-D Secure form/,
    );
  });

  it.each([
    ['4000008400001629', 'generic_decline'],
    ['4000008260003178', 'insufficient_funds'],
  ])('when %s passes 3-D Secure, then it is still declined with %s', async (card, declineCode) => {
    const session = await newSession();
    const first = await payHostedCheckout(session.url as string, { card });

    const result = await completeThreeDSChallenge(first.challengeUrl as string, 'complete');

    expect(result).toMatchObject({ status: 'declined', code: declineCode });
    expect(await paymentIntentOf(session.id)).toMatchObject({
      status: 'requires_payment_method',
      last_payment_error: { decline_code: declineCode },
    });
  });

  it('when the card number fails the Luhn check, then the page says incorrect_number and nothing is charged', async () => {
    const session = await newSession();

    const result = await payHostedCheckout(session.url as string, { card: '4242 4242 4242 4241' });

    expect(result).toMatchObject({
      status: 'declined',
      code: 'incorrect_number',
      error: 'Your card number is incorrect.',
    });
    expect(await paymentIntentOf(session.id)).toBeNull();
  });

  it('when the expiry date is in the past, then the page reports an expired card and nothing is charged', async () => {
    const session = await newSession();

    const result = await payHostedCheckout(session.url as string, { expiry: '01 / 20' });

    expect(result).toMatchObject({
      status: 'declined',
      code: 'expired_card',
      error: expect.stringContaining('in the past'),
    });
    expect(await paymentIntentOf(session.id)).toBeNull();
  });

  it('when a valid number is not a test card, then it is declined as a live card used in test mode', async () => {
    const session = await newSession();

    const result = await payHostedCheckout(session.url as string, { card: '4111 1111 1111 1111' });

    expect(result).toMatchObject({ status: 'declined', code: 'test_mode_live_card' });
  });

  it('when the order is free after a 100 % coupon, then it completes without a card or PaymentIntent', async () => {
    const coupon = await h.stripe.coupons.create({ percent_off: 100, duration: 'once' });
    const session = await newSession({ discounts: [{ coupon: coupon.id }] });

    const page = await (await fetch(session.url as string)).text();
    const result = await payHostedCheckout(session.url as string);

    expect(session).toMatchObject({ amount_total: 0, payment_status: 'no_payment_required' });
    expect(page).not.toContain('name="cardNumber"');
    expect(result.status).toBe('redirected');
    const done = await h.stripe.checkout.sessions.retrieve(session.id);
    expect(done).toMatchObject({ status: 'complete', payment_status: 'no_payment_required', payment_intent: null });
    expect((await h.stripe.coupons.retrieve(coupon.id)).times_redeemed).toBe(1);
  });

  it('when the customer picks another shipping option, then the total and shipping_cost follow the choice', async () => {
    const session = await newSession({
      shipping_options: [
        {
          shipping_rate_data: {
            display_name: 'Standard',
            type: 'fixed_amount',
            fixed_amount: { amount: 500, currency: 'usd' },
          },
        },
        {
          shipping_rate_data: {
            display_name: 'Express',
            type: 'fixed_amount',
            fixed_amount: { amount: 1500, currency: 'usd' },
          },
        },
      ],
    });
    const express = session.shipping_options[1]?.shipping_rate as string;

    await payHostedCheckout(session.url as string, { shippingRate: express });

    const paid = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] });
    expect(paid.shipping_cost).toMatchObject({ amount_total: 1500, shipping_rate: express });
    expect(paid.total_details?.amount_shipping).toBe(1500);
    expect(paid.amount_total).toBe((session.amount_subtotal ?? 0) + 1500);
    expect((paid.payment_intent as Stripe.PaymentIntent).amount).toBe(paid.amount_total);
  });

  it('when the customer updates the shipping choice without JavaScript, then the page re-renders with the new total and nothing is charged', async () => {
    const session = await newSession({
      shipping_options: [
        {
          shipping_rate_data: {
            display_name: 'Standard',
            type: 'fixed_amount',
            fixed_amount: { amount: 500, currency: 'usd' },
          },
        },
        {
          shipping_rate_data: {
            display_name: 'Express',
            type: 'fixed_amount',
            fixed_amount: { amount: 1500, currency: 'usd' },
          },
        },
      ],
    });
    const express = session.shipping_options[1]?.shipping_rate as string;

    const response = await fetch(session.url as string, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        intent: 'update',
        shippingRate: express,
        email: 'ada@example.com',
        cardholderName: 'Ada',
        billingCountry: 'US',
      }),
    });
    const page = await response.text();

    expect(response.status).toBe(200);
    expect(page).toContain('Pay $99.98');
    expect(page).toMatch(new RegExp(`value="${express}"[^>]*checked`));
    expect(page).toMatch(/id="email"[^>]*value="ada@example.com"/);
    expect(await h.stripe.checkout.sessions.retrieve(session.id)).toMatchObject({
      amount_total: 9998,
      payment_intent: null,
      status: 'open',
    });
  });

  it('when the page is served, then it shows the items, discount and total in an accessible form with a self-only CSP', async () => {
    const coupon = await h.stripe.coupons.create({
      amount_off: 500,
      currency: 'usd',
      duration: 'once',
      name: 'WELCOME5',
    });
    const session = await newSession({ discounts: [{ coupon: coupon.id }], customer_email: 'ada@example.com' });

    const response = await fetch(session.url as string);
    const page = await response.text();

    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    const inlineScript = /<script>([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
    const inlineStyle = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
    const sha256 = (text: string) => createHash('sha256').update(text).digest('base64');
    expect(csp).toContain(`script-src 'sha256-${sha256(inlineScript)}';`);
    expect(csp).toContain(`style-src 'sha256-${sha256(inlineStyle)}';`);
    expect(csp).toContain(`form-action 'self' ${SHOP}`);
    expect(page).not.toMatch(/(src|href)="https?:\/\/(?!shop\.test)/);
    expect(page).toContain('Ceramic mug');
    expect(page).toContain('Tea kettle');
    expect(page).toContain('Discount (WELCOME5)');
    expect(page).toContain('−$5.00');
    expect(page).toContain('$79.98');
    expect(page).toMatch(/<label for="cardNumber">/);
    expect(page).toMatch(/aria-live="assertive"/);
    expect(page).toMatch(/id="email"[^>]*value="ada@example.com"[^>]*readonly/);
    expect(page).toContain(`<a class="back" href="${SHOP}/cart">`);
    expect(page).toMatch(/<html lang="en">/);
  });

  it('when the form is posted with errors, then the page comes back with 400, the fields flagged and the summary announced', async () => {
    const session = await newSession();

    const response = await fetch(session.url as string, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=bad&cardholderName=&billingCountry=US&cardNumber=42&cardExpiry=13%2F30&cardCvc=1',
    });
    const page = await response.text();

    expect(response.status).toBe(400);
    expect(page).toMatch(/id="email"[^>]*value="bad"[^>]*aria-invalid="true" aria-describedby="email-error"/);
    expect(page).toMatch(/role="alert" aria-live="assertive" tabindex="-1"><p data-sandbox-error>/);
    for (const code of ['email_invalid', 'name_missing', 'incomplete_number', 'invalid_expiry', 'incomplete_cvc']) {
      expect(page).toContain(`data-sandbox-field-error="${code}"`);
    }
  });

  it('when a paid session is posted to again (double submit), then it just redirects to the success URL', async () => {
    const session = await newSession();
    await payHostedCheckout(session.url as string);

    const again = await payHostedCheckout(session.url as string).catch((e: Error) => e);
    const direct = await fetch(session.url as string, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=x',
    });

    expect(again).toBeInstanceOf(Error);
    expect(direct.status).toBe(303);
    expect(direct.headers.get('location')).toBe(`${SHOP}/checkout/success?session_id=${session.id}`);
    const charges = await h.stripe.charges.list({ payment_intent: (await paymentIntentOf(session.id))?.id });
    expect(charges.data).toHaveLength(1);
  });

  it('when the session id is unknown, then the page is a 404 HTML page', async () => {
    const response = await fetch(`${h.sandbox.url}/c/pay/cs_test_unknown`);

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('text/html');
  });
});
