import { describe, expect, it } from 'vitest';
import { orderForRelease } from './release-order.js';

const held = ['a', 'b', 'c', 'd', 'e'];

describe('orderForRelease', () => {
  it('when released fifo or reversed, then the order is creation order or its reverse', () => {
    expect(orderForRelease(held, 'fifo')).toEqual(held);
    expect(orderForRelease(held, 'reverse')).toEqual(['e', 'd', 'c', 'b', 'a']);
  });

  it('when shuffled with a seed, then the order is a permutation that the same seed reproduces', () => {
    const first = orderForRelease(held, 'shuffle', 7);

    expect(orderForRelease(held, 'shuffle', 7)).toEqual(first);
    expect([...first].sort()).toEqual(held);
    expect(held).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
