import type { TCart, TCartLine } from '@mercato/shared';
import { describe, expect, it } from 'vitest';
import { describeCartChanges } from './cart-changes.js';

const A = 'a'.repeat(24);
const B = 'b'.repeat(24);

function line(productId: string, patch: Partial<TCartLine> = {}): TCartLine {
  const unitPrice = patch.unitPrice ?? 1000;
  const quantity = patch.quantity ?? 1;
  return {
    productId,
    variantId: productId,
    variantTitle: 'Default',
    sku: productId.slice(0, 3).toUpperCase(),
    slug: productId.slice(0, 3),
    name: productId === A ? 'Red mug' : 'Blue bowl',
    image: null,
    unitPrice,
    quantity,
    lineTotal: unitPrice * quantity,
    available: 10,
    isPurchasable: true,
    notices: [],
    ...patch,
  };
}

function cart(lines: TCartLine[], patch: Partial<TCart> = {}): TCart {
  const subtotal = lines.reduce((sum, entry) => sum + entry.lineTotal, 0);
  return {
    lines,
    itemCount: 0,
    currency: 'USD',
    subtotal,
    discount: 0,
    shipping: 500,
    total: subtotal + 500,
    freeShippingRemaining: 0,
    coupon: null,
    couponProblem: null,
    canCheckout: true,
    fingerprint: 'fingerprint',
    updatedAt: null,
    ...patch,
  };
}

describe('describeCartChanges', () => {
  it('when a price went up, then the new and old price and the new total are named', () => {
    const before = cart([line(A)]);
    const after = cart([line(A, { unitPrice: 1200 })]);

    expect(describeCartChanges(before, after, 'en-US')).toEqual([
      'Red mug now costs $12.00 (was $10.00).',
      'The total is now $17.00 (was $15.00).',
    ]);
  });

  it('when a line went, sold out or another was added, then each is a sentence', () => {
    const before = cart([line(A), line(B, { quantity: 3 })]);
    const after = cart([line(B, { quantity: 3, notices: [{ type: 'insufficient_stock', available: 2 }] })], {
      total: 3500,
    });

    expect(describeCartChanges(before, after, 'en-US')).toEqual([
      'Red mug is no longer in your cart.',
      'Only 2 of Blue bowl left.',
      'The total is now $35.00 (was $45.00).',
    ]);
  });

  it('when the coupon stopped working, then its problem is shown', () => {
    const coupon = { code: 'SAVE10', type: 'percent' as const, value: 10, description: '' };
    const before = cart([line(A)], { coupon, discount: 100, total: 1400 });
    const after = cart([line(A)], {
      coupon,
      couponProblem: { code: 'COUPON_EXPIRED', message: 'This code has expired.' },
    });

    expect(describeCartChanges(before, after, 'en-US')).toEqual([
      'This code has expired.',
      'The total is now $15.00 (was $14.00).',
    ]);
  });

  it('when nothing visible changed, then a generic sentence still explains the refusal', () => {
    const before = cart([line(A)]);

    expect(describeCartChanges(before, { ...before, fingerprint: 'other' })).toEqual([
      'Your cart was updated. Please check it before paying.',
    ]);
  });
});
