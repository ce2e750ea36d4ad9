import { PRICE_BANDS } from '@mercato/shared';
import { createOptionFacets, type OptionBearing } from '../catalog/option-facets.js';
import type { SearchFilters, SearchHits } from './engine.js';

type OptionFacets = ReturnType<typeof createOptionFacets>;

/** What faceting needs of a matched product: its category, price, stock and options (`OptionBearing`). */
export interface Faceted extends OptionBearing {
  categoryId: string | null;
  price: number;
  inStock: boolean;
}

type FacetName = 'category' | 'price' | 'inStock' | 'options';

/** One predicate per facet; an absent selection accepts everything, an empty one nothing (unknown categories). */
function predicates(filters: SearchFilters, options: OptionFacets): Record<FacetName, (item: Faceted) => boolean> {
  const categories = filters.categoryIds ? new Set(filters.categoryIds.map((id) => id.toHexString())) : null;
  const ranges = filters.priceRanges ?? null;
  return {
    category: (item) => !categories || (item.categoryId !== null && categories.has(item.categoryId)),
    price: (item) =>
      !ranges || ranges.some((range) => item.price >= range.min && (range.max === null || item.price < range.max)),
    inStock: (item) => !filters.inStock || item.inStock,
    options: options.passes,
  };
}

/**
 * Applies the filters to the matched products and counts facets disjunctively: each facet is counted over the
 * products that pass every *other* facet's filter, so choosing "Kitchen" leaves "Audio" visible with the number it
 * would add (the Algolia/Typesense behaviour shoppers know). Works in memory on the bounded candidate set.
 */
export function applyFacets<T extends Faceted>(
  matched: readonly T[],
  filters: SearchFilters,
): { kept: T[]; facets: SearchHits['facets'] } {
  const options = createOptionFacets(filters.options);
  const passes = predicates(filters, options);
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
    // Each option is counted with every other facet and every *other* option's choice applied.
    if (failing.every((name) => name === 'options')) options.count(item);
  }
  return { kept, facets: { category, price, inStock, options: options.counted() } };
}
