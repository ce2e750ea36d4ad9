import { LOW_STOCK_THRESHOLD, stockLevelOf } from '@mercato/shared';
import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { changesListings } from './store-service.js';

const move = (before: number, after: number) => ({ productId: new ObjectId(), slug: 'lamp', before, after });

describe('stock level and what invalidates listings', () => {
  it('when stock is above the threshold, at it, or gone, then the level is in, low or out of stock', () => {
    expect(stockLevelOf(LOW_STOCK_THRESHOLD + 1)).toBe('in_stock');
    expect(stockLevelOf(LOW_STOCK_THRESHOLD)).toBe('low_stock');
    expect(stockLevelOf(1)).toBe('low_stock');
    expect(stockLevelOf(0)).toBe('out_of_stock');
  });

  it('when a move stays within one level, then listings are left alone', () => {
    expect(changesListings(move(100, 99))).toBe(false);
    expect(changesListings(move(LOW_STOCK_THRESHOLD + 2, LOW_STOCK_THRESHOLD + 1))).toBe(false);
    expect(changesListings(move(LOW_STOCK_THRESHOLD, 1))).toBe(false);
    expect(changesListings(move(2, 3))).toBe(false);
  });

  it('when a move crosses the low-stock threshold or sells out or comes back, then listings are invalidated', () => {
    expect(changesListings(move(LOW_STOCK_THRESHOLD + 1, LOW_STOCK_THRESHOLD))).toBe(true);
    expect(changesListings(move(LOW_STOCK_THRESHOLD, LOW_STOCK_THRESHOLD + 1))).toBe(true);
    expect(changesListings(move(1, 0))).toBe(true);
    expect(changesListings(move(0, 1))).toBe(true);
    expect(changesListings(move(100, 0))).toBe(true);
  });
});
