import { describe, expect, it } from 'vitest';
import { MemoryLru } from './memory-lru.js';

function lruAt(maxBytes: number) {
  let now = 1_000;
  const lru = new MemoryLru<string>(maxBytes, () => now);
  return { lru, advance: (ms: number) => (now += ms) };
}

describe('MemoryLru', () => {
  it('when the bytes exceed the budget, then the least recently used entries are evicted until it fits', () => {
    const { lru } = lruAt(100);
    lru.set('a', 'A', 40, 60_000);
    lru.set('b', 'B', 40, 60_000);
    expect(lru.get('a')).toBe('A'); // a is now more recent than b
    lru.set('c', 'C', 40, 60_000);

    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe('A');
    expect(lru.get('c')).toBe('C');
    expect(lru.bytes).toBe(80);
    expect(lru.size).toBe(2);
  });

  it('when one entry is larger than the whole budget, then it is not kept and nothing else is evicted', () => {
    const { lru } = lruAt(100);
    lru.set('a', 'A', 60, 60_000);
    lru.set('huge', 'H', 101, 60_000);
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.get('a')).toBe('A');
    expect(lru.bytes).toBe(60);
  });

  it('when a key is stored again, then its old size is given back', () => {
    const { lru } = lruAt(100);
    lru.set('a', 'A1', 70, 60_000);
    lru.set('a', 'A2', 30, 60_000);
    lru.set('b', 'B', 70, 60_000);
    expect(lru.get('a')).toBe('A2');
    expect(lru.bytes).toBe(100);
  });

  it('when an entry grows (a compressed copy) past the budget, then older entries make room', () => {
    const { lru } = lruAt(100);
    lru.set('old', 'O', 40, 60_000);
    lru.set('new', 'N', 40, 60_000);
    lru.grow('new', 'N', 30);
    expect(lru.get('old')).toBeUndefined();
    expect(lru.bytes).toBe(70);
    lru.grow('new', 'another value', 10); // a replaced value does not count against the current one
    expect(lru.bytes).toBe(70);
  });

  it('when an entry outlives its time to live, then it is gone and its bytes are given back', () => {
    const { lru, advance } = lruAt(100);
    lru.set('a', 'A', 10, 1_000);
    advance(999);
    expect(lru.get('a')).toBe('A');
    advance(1);
    expect(lru.get('a')).toBeUndefined();
    expect(lru.bytes).toBe(0);
  });

  it('when cleared, then nothing is left', () => {
    const { lru } = lruAt(100);
    lru.set('a', 'A', 10, 1_000);
    lru.clear();
    expect(lru.get('a')).toBeUndefined();
    expect([lru.size, lru.bytes]).toEqual([0, 0]);
  });
});
