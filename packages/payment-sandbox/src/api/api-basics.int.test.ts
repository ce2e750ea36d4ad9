import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStripeClient, sessionParams, startHarness, type Harness } from '../test-support/harness.test-support.js';

describe('the API surface: keys, errors, request ids', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  it('when the SDK sends a wrong key, then it gets a StripeAuthenticationError (401)', async () => {
    const wrong = createStripeClient(h.sandbox, 'sk_test_not_the_right_one_1234');

    const error = await wrong.coupons.list().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error).toMatchObject({ statusCode: 401, message: expect.stringContaining('Invalid API Key provided') });
    expect((error as Stripe.errors.StripeError).message).not.toContain('not_the_right');
  });

  it('when no key is sent at all, then the answer is 401 with Stripe’s explanation', async () => {
    const response = await fetch(`${h.sandbox.url}/v1/checkout/sessions`);

    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toMatch(/You did not provide an API key/);
  });

  it('when a key is sent with basic auth (curl -u sk:), then it is accepted', async () => {
    const response = await fetch(`${h.sandbox.url}/v1/coupons`, {
      headers: { authorization: `Basic ${Buffer.from(`${h.sandbox.secretKey}:`).toString('base64')}` },
    });

    expect(response.status).toBe(200);
  });

  it('when the URL is unknown, then the SDK gets Stripe’s "Unrecognized request URL" 404', async () => {
    const error = await h.stripe.rawRequest('GET', '/v1/no_such_things').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({
      statusCode: 404,
      message: expect.stringMatching(/^Unrecognized request URL \(GET: \/v1\/no_such_things\)/),
    });
  });

  it('when an endpoint Stripe has but the sandbox does not emulate is called, then it fails loudly as unrecognized', async () => {
    const error = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd' }).catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 404, message: expect.stringContaining('payment sandbox emulates only') });
  });

  it('when an object does not exist, then the answer is 404 resource_missing naming the parameter', async () => {
    const error = await h.stripe.checkout.sessions.retrieve('cs_test_missing').catch((e: unknown) => e);

    expect(error).toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 404,
      code: 'resource_missing',
      param: 'session',
      message: "No such checkout.session: 'cs_test_missing'",
    });
  });

  it('when any request is answered, then it carries a req_ Request-Id the SDK exposes', async () => {
    const coupon = await h.stripe.coupons.create({ percent_off: 10, duration: 'once' });

    expect(coupon.lastResponse.requestId).toMatch(/^req_\w{14}$/);
    expect(coupon.lastResponse.headers['stripe-version']).toBe(coupon.lastResponse.apiVersion);
  });

  it('when a body is sent as JSON instead of a form, then it is refused as an invalid request', async () => {
    const response = await fetch(`${h.sandbox.url}/v1/coupons`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.sandbox.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ percent_off: 10 }),
    });

    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
  });

  it('when a parameter Stripe does not know is sent, then the answer is parameter_unknown', async () => {
    const error = await h.stripe.coupons
      .create({ percent_off: 10, colour: 'red' } as Stripe.CouponCreateParams)
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'colour' });
  });

  it('when a public URL is configured, then session URLs use it', async () => {
    const proxied = await startHarness({ publicUrl: 'https://pay.shop.test/' });
    try {
      const session = await proxied.stripe.checkout.sessions.create(sessionParams());

      expect(session.url).toBe(`https://pay.shop.test/c/pay/${session.id}`);
    } finally {
      await proxied.stop();
    }
  });

  it('when bound to every interface, then it is advertised on a loopback address the SDK can reach', async () => {
    const everywhere = await startHarness({ host: '0.0.0.0' });
    try {
      const coupon = await everywhere.stripe.coupons.create({ percent_off: 5, duration: 'once' });

      expect(everywhere.sandbox.url).toBe(`http://127.0.0.1:${everywhere.sandbox.port}`);
      expect(everywhere.sandbox.host).toBe('127.0.0.1');
      expect(coupon.percent_off).toBe(5);
    } finally {
      await everywhere.stop();
    }
  });

  it('when stop is called twice, then the second call resolves too', async () => {
    const extra = await startHarness();

    await extra.sandbox.stop();

    await expect(extra.stop()).resolves.toBeUndefined();
  });
});
