import { PRICE_BANDS } from '@mercato/shared';
import type { SearchFilters, SearchHits } from './engine.js';

/** What faceting needs of a matched product. */
export interface Faceted {
  categoryId: string | null;
  price: number;
  inStock: boolean;
  /**
   * The product's options and, per variant on sale, its values in option order (Size × Colour: `["M", "Blue"]`).
   * Absent or empty for a product sold one way.
   */
  options?: readonly { name: string; values: readonly string[] }[];
  variantValues?: readonly (readonly string[])[];
}

type FacetName = 'category' | 'price' | 'inStock' | 'options';

const fold = (text: string) => text.trim().toLowerCase();

/**
 * Whether one variant has, for every chosen option (but `except`), one of the chosen values. Options are matched by
 * name, so "Size M" finds every product with a Size option, wherever Size stands among its options.
 */
function variantMatches(
  item: Faceted,
  values: readonly string[],
  chosen: readonly SelectedOption[],
  except?: string,
): boolean {
  return chosen.every((option) => {
    if (option.key === except) return true;
    const at = item.options?.findIndex((entry) => fold(entry.name) === option.key) ?? -1;
    const value = at >= 0 ? values[at] : undefined;
    return value !== undefined && option.values.has(fold(value));
  });
}

interface SelectedOption {
  key: string;
  values: Set<string>;
}

/** One predicate per facet; an absent selection accepts everything, an empty one nothing (unknown categories). */
function predicates(
  filters: SearchFilters,
  chosen: readonly SelectedOption[],
): Record<FacetName, (item: Faceted) => boolean> {
  const categories = filters.categoryIds ? new Set(filters.categoryIds.map((id) => id.toHexString())) : null;
  const ranges = filters.priceRanges ?? null;
  return {
    category: (item) => !categories || (item.categoryId !== null && categories.has(item.categoryId)),
    price: (item) =>
      !ranges || ranges.some((range) => item.price >= range.min && (range.max === null || item.price < range.max)),
    inStock: (item) => !filters.inStock || item.inStock,
    // One and the same variant must have every chosen option (Size M *and* Blue: an M / Blue, not M / Red and S / Blue).
    options: (item) =>
      chosen.length === 0 || (item.variantValues ?? []).some((values) => variantMatches(item, values, chosen)),
  };
}

/** The option values shown for one option name, counted disjunctively: `display` keeps the first spelling seen. */
interface OptionCounter {
  display: string;
  values: Map<string, { display: string; count: number }>;
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
  const chosen: SelectedOption[] = (filters.options ?? []).map((option) => ({
    key: fold(option.name),
    values: new Set(option.values.map(fold)),
  }));
  const passes = predicates(filters, chosen);
  const names = Object.keys(passes) as FacetName[];
  const category = new Map<string, number>();
  const price = new Map<string, number>();
  const options = new Map<string, OptionCounter>();
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
    if (failing.every((name) => name === 'options')) countOptions(item, chosen, options);
  }
  return {
    kept,
    facets: {
      category,
      price,
      inStock,
      options: [...options.values()].map((option) => ({
        name: option.display,
        values: [...option.values.values()].map((value) => ({ value: value.display, count: value.count })),
      })),
    },
  };
}

/** Adds the product once to each value of each option that one of its variants has while matching the other choices. */
function countOptions(item: Faceted, chosen: readonly SelectedOption[], counters: Map<string, OptionCounter>): void {
  (item.options ?? []).forEach((option, at) => {
    const key = fold(option.name);
    const seen = new Set<string>();
    for (const values of item.variantValues ?? []) {
      const value = values[at];
      if (value === undefined || seen.has(fold(value)) || !variantMatches(item, values, chosen, key)) continue;
      seen.add(fold(value));
      const counter = counters.get(key) ?? { display: option.name, values: new Map() };
      counters.set(key, counter);
      const entry = counter.values.get(fold(value)) ?? { display: value, count: 0 };
      entry.count += 1;
      counter.values.set(fold(value), entry);
    }
  });
}
