export type TPageItem = number | 'gap';

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

/**
 * The page items to show: first and last page, `siblings` either side of the current one, and `'gap'` where pages are
 * left out; `paginationRange(6, 10)` → `[1, 'gap', 5, 6, 7, 'gap', 10]`. The item count stays the same as the user
 * pages through (no layout jumps) and a gap always stands for two or more pages.
 */
export function paginationRange(page: number, pageCount: number, siblings = 1): TPageItem[] {
  const slots = 5 + siblings * 2; // first + gap + siblings, current, siblings + gap + last
  if (pageCount <= slots) return range(1, Math.max(0, pageCount));
  const current = Math.min(Math.max(1, page), pageCount);
  if (current - siblings <= 3) return [...range(1, slots - 2), 'gap', pageCount];
  if (current + siblings >= pageCount - 2) return [1, 'gap', ...range(pageCount - slots + 3, pageCount)];
  return [1, 'gap', ...range(current - siblings, current + siblings), 'gap', pageCount];
}
