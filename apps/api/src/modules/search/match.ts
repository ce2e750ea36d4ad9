import { pluralKey, typoBudgetOf, words } from './analyze.js';
import { editDistance } from './edit-distance.js';
import type { SearchableText } from './search-keys.js';

/** How one query word matched one indexed word; `typos` is 0 for exact and prefix matches. */
interface WordMatch {
  typos: number;
  isExact: boolean;
}
/** Where it matched. */
export const FIELD_WEIGHT = { name: 4, category: 3, attributes: 2, description: 1 } as const;
type Field = keyof typeof FIELD_WEIGHT;

/** Fields with typo keys in the index (`search-keys.ts`); typo matches are only counted where they can be found. */
const TYPO_FIELDS: ReadonlySet<Field> = new Set(['name', 'category', 'attributes']);

export interface QueryWord {
  word: string;
  plural: string;
  budget: number;
}

export const toQueryWords = (list: string[]): QueryWord[] =>
  list.map((word) => ({ word, plural: pluralKey(word), budget: typoBudgetOf(word) }));

/**
 * Ranking criteria in order, compared lexicographically (`compareRelevance`), in Meilisearch's order: typos, then
 * the field, then exactness. So a typo never outranks a correct word, a name match outranks a description match,
 * and between two name matches the whole word ("Camp Chair" for "camp") beats the prefix ("Camping Stove").
 */
export interface Relevance {
  /** Edits forgiven over all words (fewer is better). */
  typos: number;
  /** Sum over query words of FIELD_WEIGHT where each word matched best. */
  fields: number;
  /** Words matched whole (or as the same word's plural), rather than as a prefix or with a typo. */
  exact: number;
  /** Query words matching the name's head noun (its last real word): "desk" finds the desk before the desk lamp. */
  head: number;
  inStock: boolean;
  /** Share of the name's words matched: "Wireless Earbuds" before "Wireless Charging Pad" for "wireless". */
  coverage: number;
  /** Words that matched only with typos, and the indexed word each one matched ("did you mean" material). */
  corrected: Map<string, string>;
}

interface AnalysedText {
  fields: [Field, string[]][];
  head: string | undefined;
  nameWords: string[];
}

/**
 * The name's head noun, by the usual shape of English product names: the last word that is not in parentheses, not a
 * number or size ("20 cm", "2P", "750 ml") and at least three letters long.
 */
export function headWord(name: string): string | undefined {
  const main = words(name.replace(/\(.*?\)/g, ' '));
  for (let index = main.length - 1; index >= 0; index -= 1) {
    const word = main[index]!;
    if (word.length >= 3 && !/\d/.test(word)) return word;
  }
  return undefined;
}

export function analyse(text: SearchableText): AnalysedText {
  const nameWords = words(text.name);
  return {
    fields: [
      ['name', nameWords],
      ['category', words(text.category ?? '')],
      ['attributes', text.attributes.flatMap(words)],
      ['description', words(text.description)],
    ],
    head: headWord(text.name),
    nameWords,
  };
}

function matchOf(query: QueryWord, token: string, field: Field): WordMatch | undefined {
  if (token === query.word || pluralKey(token) === query.plural) return { typos: 0, isExact: true };
  if (query.word.length >= 2 && token.startsWith(query.word)) return { typos: 0, isExact: false };
  if (!TYPO_FIELDS.has(field)) return undefined;
  // The budget of the shorter word: what the index's deletion keys can find (both sides' neighbourhoods must meet).
  const budget = Math.min(query.budget, typoBudgetOf(token));
  if (budget === 0) return undefined;
  const distance = editDistance(query.word, token, budget);
  return distance > budget ? undefined : { typos: distance, isExact: false };
}

/** Whether `a` (found in a field of weight `aWeight`) is a better match for a word than `b`. */
function isBetter(a: WordMatch, aWeight: number, b: WordMatch, bWeight: number): boolean {
  return a.typos !== b.typos ? a.typos < b.typos : aWeight !== bWeight ? aWeight > bWeight : a.isExact && !b.isExact;
}

/**
 * Scores one candidate against the query, or `undefined` when some word matches nowhere: every word must match.
 * Index keys only make a product a candidate; this is the check that decides (deletion keys can collide).
 */
export function relevanceOf(query: QueryWord[], text: AnalysedText, inStock: boolean): Relevance | undefined {
  let typos = 0;
  let fields = 0;
  let exact = 0;
  let head = 0;
  const matchedNameWords = new Set<number>();
  const corrected = new Map<string, string>();
  for (const word of query) {
    let best: WordMatch | undefined;
    let bestWeight = 0;
    let bestToken = '';
    for (const [field, tokens] of text.fields) {
      for (const [position, token] of tokens.entries()) {
        const found = matchOf(word, token, field);
        if (!found) continue;
        if (field === 'name') matchedNameWords.add(position);
        if (!best || isBetter(found, FIELD_WEIGHT[field], best, bestWeight)) {
          [best, bestWeight, bestToken] = [found, FIELD_WEIGHT[field], token];
        }
      }
    }
    if (!best) return undefined;
    typos += best.typos;
    fields += bestWeight;
    if (best.isExact) exact += 1;
    if (best.typos > 0) corrected.set(word.word, bestToken);
    const headMatch = text.head === undefined ? undefined : matchOf(word, text.head, 'name');
    if (headMatch && headMatch.typos === 0) head += 1;
  }
  const coverage = text.nameWords.length === 0 ? 0 : matchedNameWords.size / text.nameWords.length;
  return { typos, fields, exact, head, inStock, coverage, corrected };
}

/** Best first: typos, field, exactness, head noun, then in stock (the tie-breaker), then coverage. */
export function compareRelevance(a: Relevance, b: Relevance): number {
  return (
    a.typos - b.typos ||
    b.fields - a.fields ||
    b.exact - a.exact ||
    b.head - a.head ||
    Number(b.inStock) - Number(a.inStock) ||
    b.coverage - a.coverage
  );
}
