import { describe, expect, it } from 'vitest';
import { LOW_STOCK_THRESHOLD, stockStatus } from './stock-status.js';

describe('stockStatus', () => {
  it('when nothing is left, then the product is out of stock and cannot be bought', () => {
    expect(stockStatus(0)).toEqual({ label: 'Out of stock', tone: 'danger', isAvailable: false });
  });

  it('when few units are left, then the shopper is told how many', () => {
    expect(stockStatus(1).label).toBe('Only 1 left');
    expect(stockStatus(3)).toEqual({ label: 'Only 3 left', tone: 'warning', isAvailable: true });
    expect(stockStatus(LOW_STOCK_THRESHOLD).label).toBe(`Only ${LOW_STOCK_THRESHOLD} left`);
  });

  it('when plenty are left, then it just says in stock', () => {
    expect(stockStatus(LOW_STOCK_THRESHOLD + 1)).toEqual({ label: 'In stock', tone: 'success', isAvailable: true });
  });
});
