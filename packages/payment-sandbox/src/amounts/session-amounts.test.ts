import { describe, expect, it } from 'vitest';
import { computeSessionAmounts } from './session-amounts.js';

const lines = [
  { unitAmount: 1999, quantity: 2 },
  { unitAmount: 4500, quantity: 1 },
];

describe('computeSessionAmounts', () => {
  it('when there is no coupon or shipping, then the total is the subtotal', () => {
    const amounts = computeSessionAmounts(lines, null, 0);

    expect(amounts).toMatchObject({ subtotal: 8498, discount: 0, shipping: 0, total: 8498 });
    expect(amounts.lines.map((line) => line.total)).toEqual([3998, 4500]);
  });

  it('when a fixed coupon and shipping apply, then shipping is added after the discount and never discounted', () => {
    const amounts = computeSessionAmounts(lines, { amountOff: 1000, percentOff: null }, 599);

    expect(amounts).toMatchObject({ subtotal: 8498, discount: 1000, shipping: 599, total: 8097 });
    expect(amounts.lines.reduce((sum, line) => sum + line.discount, 0)).toBe(1000);
    expect(amounts.lines.reduce((sum, line) => sum + line.total, 0)).toBe(amounts.subtotal - amounts.discount);
  });

  it('when the fixed coupon is larger than the items, then the discount stops at the subtotal and shipping is still due', () => {
    const amounts = computeSessionAmounts(lines, { amountOff: 100_000, percentOff: null }, 500);

    expect(amounts).toMatchObject({ discount: 8498, total: 500 });
    expect(amounts.lines.map((line) => line.total)).toEqual([0, 0]);
  });

  it('when a percentage coupon applies, then the discount is rounded on the subtotal and spread over the lines', () => {
    const amounts = computeSessionAmounts(
      [
        { unitAmount: 333, quantity: 3 },
        { unitAmount: 1001, quantity: 1 },
        { unitAmount: 99, quantity: 7 },
      ],
      { amountOff: null, percentOff: 15 },
      0,
    );

    expect(amounts.discount).toBe(404);
    expect(amounts.lines.map((line) => line.discount)).toEqual([150, 150, 104]);
    expect(amounts.total).toBe(2693 - 404);
  });
});
