import { PRICE_BANDS } from '@mercato/shared';
import type { SearchFilters, SearchHits } from './engine.js';

/** What faceting needs of a matched product. */
export interface Faceted {
  categoryId: string | null;
  price: number;
  inStock: boolean;
}

type FacetName = 'category' | 'price' | 'inStock';

/** One predicate per facet; an absent selection accepts everything, an empty one nothing (unknown categories). */
function predicates(filters: SearchFilters): Record<FacetName, (item: Faceted) => boolean> {
  const categories = filters.categoryIds ? new Set(filters.categoryIds.map((id) => id.toHexString())) : null;
  const ranges = filters.priceRanges ?? null;
  return {
    category: (item) => !categories || (item.categoryId !== null && categories.has(item.categoryId)),
    price: (item) =>
      !ranges || ranges.some((range) => item.price >= range.min && (range.max === null || item.price < range.max)),
    inStock: (item) => !filters.inStock || item.inStock,
  };
}

/**
 * Applies the filters to the matched products and counts facets disjunctively: each facet is counted over the
 * products that pass every *other* facet's filter, so choosing "Kitchen" leaves "Audio" visible with the number it
 * would add (the Algolia/Typesense behaviour shoppers know). Works in memory on the bounded candidate set.
 * Option facets (size, colour) will be one more entry in `predicates` and one more counter when variants exist.
 */
export function applyFacets<T extends Faceted>(
  matched: readonly T[],
  filters: SearchFilters,
): { kept: T[]; facets: SearchHits['facets'] } {
  const passes = predicates(filters);
  const names = Object.keys(passes) as FacetName[];
  const category = new Map<string, number>();
  const price = new Map<string, number>();
  let inStock = 0;
  const kept: T[] = [];
  for (const item of matched) {
    const failing = names.filter((name) => !passes[name](item));
    if (failing.length === 0) kept.push(item);
    // An item counts for a facet when no other facet rejects it (its own selection is ignored).
    const countsFor = (name: FacetName) => failing.length === 0 || (failing.length === 1 && failing[0] === name);
    if (countsFor('category') && item.categoryId !== null) {
      category.set(item.categoryId, (category.get(item.categoryId) ?? 0) + 1);
    }
    if (countsFor('price')) {
      const band = PRICE_BANDS.find(
        (entry) => item.price >= entry.min && (entry.max === null || item.price < entry.max),
      );
      if (band) price.set(band.id, (price.get(band.id) ?? 0) + 1);
    }
    if (countsFor('inStock') && item.inStock) inStock += 1;
  }
  return { kept, facets: { category, price, inStock } };
}
