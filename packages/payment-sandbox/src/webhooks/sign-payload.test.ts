import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { signPayload } from './sign-payload.js';

const stripe = new Stripe('sk_test_unused', { telemetry: false });
const secret = 'whsec_test_secret';
const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'checkout.session.completed' }, null, 2);

describe('signPayload', () => {
  it('when a payload is signed, then the header equals the SDK’s own test header for the same timestamp', () => {
    const timestamp = 1_700_000_000;

    expect(signPayload(payload, secret, timestamp)).toBe(
      stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp }),
    );
  });

  it('when the SDK verifies a fresh signature, then constructEvent accepts it', () => {
    const header = signPayload(payload, secret, Math.floor(Date.now() / 1000));

    expect(stripe.webhooks.constructEvent(payload, header, secret)).toMatchObject({ id: 'evt_1' });
  });

  it('when the body or secret differs, then verification fails', () => {
    const header = signPayload(payload, secret, Math.floor(Date.now() / 1000));

    expect(() => stripe.webhooks.constructEvent(`${payload} `, header, secret)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect(() => stripe.webhooks.constructEvent(payload, header, 'whsec_other')).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
  });
});
