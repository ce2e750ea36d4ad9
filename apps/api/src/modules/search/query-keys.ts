import type { Document } from 'mongodb';
import { deletions, MAX_PREFIX_LENGTH, pluralKey, typoBudgetOf } from './analyze.js';
import { prefixKey } from './search-keys.js';

/**
 * Retrieval tiers, cheapest and most precise first: every query word exactly or as a prefix in the name, then
 * anywhere, then with typos. The engine stops as soon as it holds enough candidates, so the products a shopper most
 * likely means are fetched first and the number of documents read stays bounded whatever the query.
 */
export const TIERS = ['name', 'anywhere', 'typo'] as const;
export type Tier = (typeof TIERS)[number];

function keysFor(word: string, tier: Tier): string[] {
  const prefix = prefixKey(word);
  if (tier === 'name') return [`n:${pluralKey(word)}`, ...(prefix ? [`np:${prefix}`] : [])];
  const anywhere = [`s:${pluralKey(word)}`, ...(prefix ? [`p:${prefix}`] : [])];
  if (tier === 'anywhere' || word.length > MAX_PREFIX_LENGTH) return anywhere;
  return [...anywhere, ...deletions(word, typoBudgetOf(word)).map((variant) => `d:${variant}`)];
}

/**
 * The filter on `searchKeys` for one tier: one `$in` per word, all required. Longest word first: its keys are the
 * rarest, and a planner that looks up one `$in` through the index and checks the rest on the fetched documents (the
 * embedded engine takes the first; MongoDB races them) then reads the fewest. In the typo tier only `typoWords` get
 * typo keys (the words that match nothing as typed: see `retrieve` in mongo-engine.ts); the others keep their exact
 * and prefix keys. `undefined` when the tier would find nothing the previous one did not.
 */
export function tierFilter(
  words: readonly string[],
  tier: Tier,
  typoWords: ReadonlySet<string> = new Set(words),
): Document | undefined {
  if (words.length === 0) return undefined;
  const typos = (word: string) => typoWords.has(word) && typoBudgetOf(word) > 0;
  if (tier === 'typo' && !words.some(typos)) return undefined;
  const clauses = [...words]
    .sort((a, b) => b.length - a.length)
    .map((word) => ({
      searchKeys: { $in: keysFor(word, tier === 'typo' && !typos(word) ? 'anywhere' : tier) },
    }));
  return clauses.length === 1 ? clauses[0] : { $and: clauses };
}

/** Exact or prefix match of every word anywhere, as one filter (the admin product search pages through it). */
export function anywhereFilter(words: readonly string[]): Document {
  return tierFilter(words, 'anywhere') ?? { searchKeys: { $in: [] } };
}
