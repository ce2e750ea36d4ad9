import { describe, expect, it } from 'vitest';
import { paginationRange } from './pagination-range.js';

describe('paginationRange', () => {
  it('when there are few pages, then every page is listed', () => {
    expect(paginationRange(1, 1)).toEqual([1]);
    expect(paginationRange(3, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(paginationRange(1, 0)).toEqual([]);
  });

  it('when the current page is in the middle, then gaps surround it and its siblings', () => {
    expect(paginationRange(6, 10)).toEqual([1, 'gap', 5, 6, 7, 'gap', 10]);
  });

  it('when the current page is near either end, then that side has no gap and the length stays the same', () => {
    expect(paginationRange(1, 10)).toEqual([1, 2, 3, 4, 5, 'gap', 10]);
    expect(paginationRange(4, 10)).toEqual([1, 2, 3, 4, 5, 'gap', 10]);
    expect(paginationRange(7, 10)).toEqual([1, 'gap', 6, 7, 8, 9, 10]);
    expect(paginationRange(10, 10)).toEqual([1, 'gap', 6, 7, 8, 9, 10]);
  });

  it('when the page is out of range, then it is clamped', () => {
    expect(paginationRange(99, 10)).toEqual(paginationRange(10, 10));
    expect(paginationRange(-3, 10)).toEqual(paginationRange(1, 10));
  });

  it('when any page of a long list is current, then it is shown and no gap hides a single page', () => {
    for (let page = 1; page <= 40; page += 1) {
      const items = paginationRange(page, 40, 2);
      expect(items).toContain(page);
      expect(items).toHaveLength(9);
      items.forEach((item, index) => {
        if (item !== 'gap') return;
        const before = items[index - 1] as number;
        const after = items[index + 1] as number;
        expect(after - before).toBeGreaterThan(2);
      });
    }
  });
});
