import { deletions, MAX_PREFIX_LENGTH, MIN_PREFIX_LENGTH, pluralKey, typoBudgetOf, words } from './analyze.js';

/** The texts of a product that search reads, by field; the category is its name, attributes their values. */
export interface SearchableText {
  name: string;
  category: string | null;
  attributes: string[];
  description: string;
}

/**
 * Bumped whenever the keys computed here change meaning; products whose `searchVersion` differs are recomputed by
 * the search-keys migration (`migrate.ts`), so old documents never answer a new query shape wrongly.
 */
export const SEARCH_KEYS_VERSION = 1;

/** Distinct description words indexed at all, and how many of them also by prefix (bounds keys per product). */
export const DESCRIPTION_WORDS = 300;
export const DESCRIPTION_PREFIX_WORDS = 50;

/**
 * Key families, one multikey array indexed once (`search_keys`):
 * - `n:` plural key of a name word and `np:` each prefix of a name word: the first, cheapest tier (shoppers type
 *   names, and a suggestion list should be filled by names before anything else);
 * - `s:` plural key and `p:` prefixes of any word of any field: exact and prefix matches anywhere;
 * - `d:` the deletion neighbourhood (SymSpell) of the words of name, category and attributes, up to the typo budget
 *   of the word's length: typo matching as exact lookups. Descriptions get no `d:` keys: they are long (most of the
 *   index would be their typo keys) and a typo matching a description word is the weakest evidence there is.
 */
export function searchKeys(text: SearchableText): string[] {
  const keys = new Set<string>();
  const nameWords = words(text.name);
  const strong = [...nameWords, ...words(text.category ?? ''), ...text.attributes.flatMap(words)];
  for (const word of nameWords) {
    keys.add(`n:${pluralKey(word)}`);
    for (const prefix of prefixes(word)) keys.add(`np:${prefix}`);
  }
  for (const word of strong) {
    keys.add(`s:${pluralKey(word)}`);
    for (const prefix of prefixes(word)) keys.add(`p:${prefix}`);
  }
  // Descriptions can be long: their first DESCRIPTION_WORDS distinct words are indexed whole, and only the first
  // DESCRIPTION_PREFIX_WORDS of those by prefix, so a product's key count is bounded whatever its description.
  const described = [...new Set(words(text.description))].slice(0, DESCRIPTION_WORDS);
  for (const [index, word] of described.entries()) {
    keys.add(`s:${pluralKey(word)}`);
    if (index < DESCRIPTION_PREFIX_WORDS) for (const prefix of prefixes(word)) keys.add(`p:${prefix}`);
  }
  for (const word of strong) {
    if (word.length > MAX_PREFIX_LENGTH) continue;
    for (const variant of deletions(word, typoBudgetOf(word))) keys.add(`d:${variant}`);
  }
  return [...keys];
}

/** Prefixes from MIN_PREFIX_LENGTH letters up to the whole word (capped at MAX_PREFIX_LENGTH). */
export function prefixes(word: string): string[] {
  const out: string[] = [];
  const last = Math.min(word.length, MAX_PREFIX_LENGTH);
  for (let length = MIN_PREFIX_LENGTH; length <= last; length += 1) out.push(word.slice(0, length));
  return out;
}

/** The lookup key of a query word's prefix: its first MAX_PREFIX_LENGTH letters (longer ones are verified later). */
export function prefixKey(word: string): string | undefined {
  return word.length >= MIN_PREFIX_LENGTH ? word.slice(0, MAX_PREFIX_LENGTH) : undefined;
}
