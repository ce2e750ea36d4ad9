import { LOW_STOCK_THRESHOLD } from '@mercato/shared';
import { describe, expect, it } from 'vitest';
import { stockLevelStatus, stockStatus } from './stock-status.js';

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

describe('stockLevelStatus', () => {
  it('when a listing says a product is low, then its card says few are left without a count', () => {
    expect(stockLevelStatus('low_stock')).toEqual({ label: 'Only a few left', tone: 'warning', isAvailable: true });
  });

  it('when a listing says in or out of stock, then its card says the same as the product page would', () => {
    expect(stockLevelStatus('in_stock')).toEqual(stockStatus(LOW_STOCK_THRESHOLD + 1));
    expect(stockLevelStatus('out_of_stock')).toEqual(stockStatus(0));
  });
});
