import type { TOptionChoice, TOptionFacets } from '@mercato/shared';
import { foldOption as fold } from './variants.js';

/**
 * Option facets (Size, Colour) as listings and search count and filter them. Options are matched by name, without
 * case, so "Size M" finds every product with a Size option wherever Size stands among its options; one and the same
 * variant on sale must have every chosen option (Size M *and* Blue: an M / Blue, not an M / Red and an S / Blue).
 */

/** What option faceting needs of a product: its options and, per variant on sale, its values in option order. */
export interface OptionBearing {
  /** Absent or empty for a product sold one way. */
  options?: readonly { name: string; values: readonly string[] }[];
  variantValues?: readonly (readonly string[])[];
}

/** The option values of each variant on sale, in option order. */
export const onSaleValues = (variants: readonly { optionValues: string[]; active: boolean }[] = []) =>
  variants.filter((variant) => variant.active).map((variant) => variant.optionValues);

/** Chosen values grouped by option: values of one option are alternatives, options combine with AND. */
export interface OptionFilter {
  name: string;
  values: string[];
}

interface SelectedOption {
  key: string;
  values: Set<string>;
}

/** Counted products per value of one option; `display` keeps the first spelling seen. */
interface OptionCounter {
  display: string;
  values: Map<string, { display: string; count: number }>;
}

/** `Size:M,Size:L,Colour:Blue` as filters take it: the values of each option together (names without case). */
export function groupChoices(choices: readonly TOptionChoice[]): OptionFilter[] {
  const byName = new Map<string, OptionFilter>();
  for (const choice of choices) {
    const key = fold(choice.name);
    const group = byName.get(key) ?? { name: choice.name, values: [] };
    group.values.push(choice.value);
    byName.set(key, group);
  }
  return [...byName.values()];
}

/** The choices as a cache key part: without case or order, so equivalent queries share one entry. */
export const choicesKey = (choices: readonly TOptionChoice[] | undefined): string =>
  (choices ?? [])
    .map((choice) => `${fold(choice.name)}:${fold(choice.value)}`)
    .sort()
    .join(',');

/**
 * Counts option values over products and says which pass the option choices. Each option is counted with every
 * *other* option's choice applied (disjunctive, as search facets), so choosing "M" leaves "L" listed with the number
 * of products it would add.
 */
export function createOptionFacets(filters: readonly OptionFilter[] | undefined) {
  const chosen: SelectedOption[] = (filters ?? []).map((option) => ({
    key: fold(option.name),
    values: new Set(option.values.map(fold)),
  }));
  const counters = new Map<string, OptionCounter>();

  /** Whether these variant values have, for every chosen option but `except`, one of the chosen values. */
  function variantMatches(item: OptionBearing, values: readonly string[], except?: string): boolean {
    return chosen.every((option) => {
      if (option.key === except) return true;
      const at = item.options?.findIndex((entry) => fold(entry.name) === option.key) ?? -1;
      const value = at >= 0 ? values[at] : undefined;
      return value !== undefined && option.values.has(fold(value));
    });
  }

  return {
    /** Whether one variant on sale has every chosen option. */
    passes: (item: OptionBearing): boolean =>
      chosen.length === 0 || (item.variantValues ?? []).some((values) => variantMatches(item, values)),

    /** Adds the product once to each value that one of its variants has while matching the other choices. */
    count(item: OptionBearing): void {
      (item.options ?? []).forEach((option, at) => {
        const key = fold(option.name);
        const seen = new Set<string>();
        for (const values of item.variantValues ?? []) {
          const value = values[at];
          if (value === undefined || seen.has(fold(value)) || !variantMatches(item, values, key)) continue;
          seen.add(fold(value));
          const counter = counters.get(key) ?? { display: option.name, values: new Map() };
          counters.set(key, counter);
          const entry = counter.values.get(fold(value)) ?? { display: value, count: 0 };
          entry.count += 1;
          counter.values.set(fold(value), entry);
        }
      });
    },

    /** The counts so far, per option and value in the order first seen. */
    counted: (): { name: string; values: { value: string; count: number }[] }[] =>
      [...counters.values()].map((option) => ({
        name: option.display,
        values: [...option.values.values()].map((value) => ({ value: value.display, count: value.count })),
      })),
  };
}

/** Counted option facets as the storefront shows them; a chosen value stays listed (at 0) so it can be unselected. */
export function toOptionFacets(
  counted: readonly { name: string; values: readonly { value: string; count: number }[] }[],
  chosen: readonly TOptionChoice[],
): TOptionFacets {
  const facets = counted.map((option) => ({
    name: option.name,
    values: option.values.map((value) => ({ value: value.value, label: value.value, count: value.count })),
  }));
  for (const choice of chosen) {
    let facet = facets.find((entry) => fold(entry.name) === fold(choice.name));
    if (!facet) {
      facet = { name: choice.name, values: [] };
      facets.push(facet);
    }
    if (!facet.values.some((value) => fold(value.value) === fold(choice.value)))
      facet.values.push({ value: choice.value, label: choice.value, count: 0 });
  }
  return facets;
}
