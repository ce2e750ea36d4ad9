import type { TCart, TCartLine } from '@mercato/shared';
import { describe, expect, it } from 'vitest';
import { describeMerge, summarizeMerge } from './merge-report.js';

const A = 'a'.repeat(24);
const B = 'b'.repeat(24);
const C = 'c'.repeat(24);

function line(productId: string, quantity: number, notices: TCartLine['notices'] = []): TCartLine {
  return {
    productId,
    variantId: productId,
    variantTitle: 'Default',
    sku: productId.slice(0, 4).toUpperCase(),
    slug: productId.slice(0, 4),
    name: `Product ${productId[0]}`,
    image: null,
    unitPrice: 1000,
    quantity,
    lineTotal: 1000 * quantity,
    available: 10,
    isPurchasable: true,
    notices,
  };
}

function cart(lines: TCartLine[]): TCart {
  return {
    lines,
    itemCount: lines.reduce((sum, entry) => sum + entry.quantity, 0),
    currency: 'USD',
    subtotal: 0,
    discount: 0,
    shipping: 0,
    total: 0,
    freeShippingRemaining: 0,
    coupon: null,
    couponProblem: null,
    canCheckout: true,
    fingerprint: 'abcdefgh',
    updatedAt: null,
  };
}

describe('summarizeMerge', () => {
  it('when every guest line merged as asked, then all units are counted and nothing is adjusted', () => {
    const report = summarizeMerge(
      [
        { productId: A, quantity: 2 },
        { productId: B, quantity: 1 },
      ],
      cart([line(A, 3), line(B, 1)]),
    );

    expect(report).toEqual({ mergedUnits: 3, adjustments: [], skipped: 0 });
    expect(describeMerge(report)).toBe('3 items from before you signed in were added to your cart.');
  });

  it('when a line was capped and another product is gone, then both are reported', () => {
    const report = summarizeMerge(
      [
        { productId: A, quantity: 5 },
        { productId: C, quantity: 1 },
      ],
      cart([line(A, 4, [{ type: 'quantity_adjusted', requested: 6 }])]),
    );

    expect(report).toEqual({
      mergedUnits: 5,
      adjustments: [{ productId: A, variantId: A, name: 'Product a', requested: 6, kept: 4 }],
      skipped: 1,
    });
    expect(describeMerge(report)).toBe(
      '5 items from before you signed in were added to your cart. 1 quantity was lowered to what is in stock. ' +
        '1 product is no longer available.',
    );
  });

  it('when two sizes of one product merge and one is capped, then the report names that variant only', () => {
    const [small, medium] = ['1'.repeat(24), '2'.repeat(24)];
    const sizeLine = (variantId: string, title: string, quantity: number, notices: TCartLine['notices'] = []) => ({
      ...line(A, quantity, notices),
      variantId,
      variantTitle: title,
    });

    const report = summarizeMerge(
      [
        { productId: A, variantId: small, quantity: 2 },
        { productId: A, variantId: medium, quantity: 5 },
      ],
      cart([sizeLine(small, 'S', 2), sizeLine(medium, 'M', 3, [{ type: 'quantity_adjusted', requested: 5 }])]),
    );

    expect(report).toEqual({
      mergedUnits: 7,
      adjustments: [{ productId: A, variantId: medium, name: 'Product a (M)', requested: 5, kept: 3 }],
      skipped: 0,
    });
  });
});
