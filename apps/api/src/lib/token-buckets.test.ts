import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './token-buckets.js';

function bucketsAt(capacity: number, windowMs: number, maxKeys?: number) {
  let now = 0;
  const buckets = new TokenBuckets(capacity, windowMs, maxKeys, () => now);
  return { buckets, advance: (ms: number) => (now += ms) };
}

describe('TokenBuckets', () => {
  it('when a client spends its whole bucket, then the next request waits for the next token', () => {
    const { buckets } = bucketsAt(5, 60_000);
    expect(Array.from({ length: 5 }, () => buckets.take('1.2.3.4'))).toEqual([0, 0, 0, 0, 0]);
    expect(buckets.take('1.2.3.4')).toBe(12); // one token every 60 s / 5
    expect(buckets.take('5.6.7.8')).toBe(0); // each client has its own bucket
  });

  it('when time passes, then tokens come back at the window rate, never beyond the capacity', () => {
    const { buckets, advance } = bucketsAt(5, 60_000);
    for (let index = 0; index < 5; index++) buckets.take('a');
    advance(12_000);
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(12);
    advance(10 * 60_000);
    expect(Array.from({ length: 6 }, () => buckets.take('a'))).toEqual([0, 0, 0, 0, 0, 12]);
  });

  it('when the wait is under a second, then Retry-After still says 1', () => {
    const { buckets, advance } = bucketsAt(100, 1_000);
    for (let index = 0; index < 100; index++) buckets.take('a');
    advance(5);
    expect(buckets.take('a')).toBe(1);
  });

  it('when more clients arrive than it keeps, then idle (full) buckets go first, then the longest unseen', () => {
    const { buckets, advance } = bucketsAt(2, 1_000, 10);
    for (let index = 0; index < 8; index++) buckets.take(`idle-${index}`);
    advance(1_000); // the idle clients are owed nothing any more: their buckets are full again
    for (let index = 8; index < 40; index++) {
      buckets.take('busy'); // a client hammering away stays the most recently seen
      buckets.take(`new-${index}`);
    }
    expect(buckets.size).toBeLessThanOrEqual(10);
    expect(buckets.take('busy')).toBeGreaterThan(0); // its spent bucket was kept, so it is still limited
  });
});
