import { completeThreeDSChallenge, payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createProduct } from '../../test-support/catalog.test-support.js';
import {
  addToCart,
  countMail,
  expectStockConserved,
  orderOf,
  quickShoppers,
  startCheckout,
  stockOf,
  waitForFulfilment,
} from '../../test-support/checkout.test-support.js';
import { startTestApp, type TestApp } from '../../test-support/harness.test-support.js';

let ctx: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  ctx = await startTestApp();
  admin = await signedInUser(ctx, { role: 'admin' });
});
afterAll(() => ctx.close());

/** A shopper with one unit of a fresh product (stock 3) and an open checkout for it. */
async function openCheckout(name: string) {
  const [shopper] = await quickShoppers(ctx, 1);
  if (!shopper) throw new Error('no shopper');
  const product = await createProduct(ctx, admin.accessToken, { name, price: 2500, stock: 3 });
  await addToCart(ctx, shopper, product.id, 1);
  const started = await startCheckout(ctx, shopper);
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  return { shopper, product, orderId: started.body.orderId as string, url: started.body.checkoutUrl as string };
}

/** Waits for the timeline note the `payment_intent.payment_failed` webhook leaves, and returns the order then. */
async function waitForFailedAttemptNote(shopper: SignedIn, orderId: string, reason: string) {
  await expect
    .poll(
      async () =>
        ((await orderOf(ctx, shopper, orderId)).timeline as { note: string }[]).some((entry) =>
          entry.note.includes(`Payment attempt failed (${reason})`),
        ),
      { timeout: 10_000, interval: 100 },
    )
    .toBe(true);
  return orderOf(ctx, shopper, orderId);
}

describe('checkout with each test card', () => {
  it('when the success card pays, then the order is paid, its unit sold and one confirmation sent', async () => {
    const { shopper, product, orderId, url } = await openCheckout('Card Success Lamp');

    const paid = await payHostedCheckout(url, { card: '4242 4242 4242 4242' });

    expect(paid.status).toBe('redirected');
    const order = await waitForFulfilment(ctx, shopper, orderId);
    expect(order.status).toBe('paid');
    expect(order.checkoutUrl).toBeNull();
    expect(await stockOf(ctx, product.id)).toEqual({ stock: 2, reserved: 0, sold: 1, holds: 0 });
    expect(await countMail(ctx, shopper.email, 'order.confirmation')).toBe(1);
    await expectStockConserved(ctx, [{ id: product.id, initial: 3 }]);
  });

  it.each([
    { label: 'generic decline', card: '4000 0000 0000 0002', code: 'card_declined', shown: 'generic_decline' },
    { label: 'insufficient funds', card: '4000 0000 0000 9995', code: 'card_declined', shown: 'insufficient_funds' },
    { label: 'expired card', card: '4000 0000 0000 0069', code: 'expired_card', shown: 'expired_card' },
    { label: 'incorrect CVC', card: '4000 0000 0000 0127', code: 'incorrect_cvc', shown: 'incorrect_cvc' },
    { label: 'processing error', card: '4000 0000 0000 0119', code: 'processing_error', shown: 'processing_error' },
    { label: 'lost card', card: '4000 0000 0000 9987', code: 'card_declined', shown: 'lost_card' },
    { label: 'stolen card', card: '4000 0000 0000 9979', code: 'card_declined', shown: 'stolen_card' },
    { label: 'velocity limit', card: '4000 0000 0000 6975', code: 'card_declined', shown: 'card_velocity_exceeded' },
    { label: 'fraudulent', card: '4100 0000 0000 0019', code: 'card_declined', shown: 'fraudulent' },
  ])(
    'when the card is declined ($label), then the order stays pending with a failed-attempt note and stock held, and 4242 then pays it',
    async ({ label, card, code, shown }) => {
      const { shopper, product, orderId, url } = await openCheckout(`Card ${label}`);

      const declined = await payHostedCheckout(url, { card });

      expect(declined).toMatchObject({ status: 'declined', code: shown });
      const pending = await waitForFailedAttemptNote(shopper, orderId, code);
      expect(pending.status).toBe('pending_payment');
      expect(pending.checkoutUrl).toBe(url);
      expect(await stockOf(ctx, product.id)).toEqual({ stock: 2, reserved: 1, sold: 0, holds: 1 });
      expect(await countMail(ctx, shopper.email, 'order.confirmation')).toBe(0);

      const retried = await payHostedCheckout(url, { card: '4242 4242 4242 4242' });

      expect(retried.status).toBe('redirected');
      const order = await waitForFulfilment(ctx, shopper, orderId);
      expect(order.status).toBe('paid');
      expect(await stockOf(ctx, product.id)).toEqual({ stock: 2, reserved: 0, sold: 1, holds: 0 });
      expect(await countMail(ctx, shopper.email, 'order.confirmation')).toBe(1);
      await expectStockConserved(ctx, [{ id: product.id, initial: 3 }]);
    },
  );

  it('when 3-D Secure is completed, then the order is paid', async () => {
    const { shopper, product, orderId, url } = await openCheckout('Card 3DS Complete');

    const challenge = await payHostedCheckout(url, { card: '4000 0025 0000 3155' });
    expect(challenge.status).toBe('requires_action');
    expect((await orderOf(ctx, shopper, orderId)).status).toBe('pending_payment');
    const done = await completeThreeDSChallenge(challenge.challengeUrl ?? '', 'complete');

    expect(done.status).toBe('redirected');
    await waitForFulfilment(ctx, shopper, orderId);
    expect(await stockOf(ctx, product.id)).toEqual({ stock: 2, reserved: 0, sold: 1, holds: 0 });
    await expectStockConserved(ctx, [{ id: product.id, initial: 3 }]);
  });

  it('when 3-D Secure fails, then the order stays pending with stock held, and another card can still pay', async () => {
    const { shopper, product, orderId, url } = await openCheckout('Card 3DS Fail');

    const challenge = await payHostedCheckout(url, { card: '4000 0025 0000 3155' });
    const failed = await completeThreeDSChallenge(challenge.challengeUrl ?? '', 'fail');

    expect(failed.status).toBe('declined');
    const pending = await waitForFailedAttemptNote(shopper, orderId, 'payment_intent_authentication_failure');
    expect(pending.status).toBe('pending_payment');
    expect(await stockOf(ctx, product.id)).toEqual({ stock: 2, reserved: 1, sold: 0, holds: 1 });

    expect((await payHostedCheckout(url, { card: '4242 4242 4242 4242' })).status).toBe('redirected');
    await waitForFulfilment(ctx, shopper, orderId);
    await expectStockConserved(ctx, [{ id: product.id, initial: 3 }]);
  });

  it.each([
    { card: '4000 0084 0000 1629', shown: 'generic_decline' },
    { card: '4000 0082 6000 3178', shown: 'insufficient_funds' },
  ])(
    'when 3-D Secure is completed but the card is then declined ($shown), then the order stays pending with stock held, and 4242 then pays it',
    async ({ card, shown }) => {
      const { shopper, product, orderId, url } = await openCheckout(`Card 3DS Then ${shown}`);

      const challenge = await payHostedCheckout(url, { card });
      expect(challenge.status).toBe('requires_action');
      const declined = await completeThreeDSChallenge(challenge.challengeUrl ?? '', 'complete');

      expect(declined).toMatchObject({ status: 'declined', code: shown });
      const pending = await waitForFailedAttemptNote(shopper, orderId, 'card_declined');
      expect(pending.status).toBe('pending_payment');
      expect(pending.checkoutUrl).toBe(url);
      expect(await stockOf(ctx, product.id)).toEqual({ stock: 2, reserved: 1, sold: 0, holds: 1 });
      expect(await countMail(ctx, shopper.email, 'order.confirmation')).toBe(0);

      expect((await payHostedCheckout(url, { card: '4242 4242 4242 4242' })).status).toBe('redirected');
      await waitForFulfilment(ctx, shopper, orderId);
      expect(await stockOf(ctx, product.id)).toEqual({ stock: 2, reserved: 0, sold: 1, holds: 0 });
      expect(await countMail(ctx, shopper.email, 'order.confirmation')).toBe(1);
      await expectStockConserved(ctx, [{ id: product.id, initial: 3 }]);
    },
  );
});
