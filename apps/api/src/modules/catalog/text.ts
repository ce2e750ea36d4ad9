/** Lower-case, strip accents (NFKD + drop combining marks), so "Crème" and "creme" are the same word. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/**
 * Whole-word search tokens of a text: accent- and case-insensitive, deduplicated. Stored as an array with a
 * multikey index, so search is an indexed `$all` on tokens (works on the embedded engine and on MongoDB) instead
 * of a regex over every document.
 */
export function searchTokens(...texts: string[]): string[] {
  const tokens = new Set<string>();
  for (const text of texts) {
    for (const token of foldText(text).split(/[^\p{L}\p{N}]+/u)) {
      if (token.length > 0 && token.length <= 40) tokens.add(token);
    }
  }
  return [...tokens];
}

/** A URL slug from a name: folded, non-alphanumerics collapsed to single dashes, at most 100 characters. */
export function slugify(text: string): string {
  const slug = foldText(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/g, '');
  return slug || 'item';
}

/**
 * The product filter for a search text: every word, in any order. A text with no searchable word (only symbols, or
 * only words too long to be indexed) becomes `$all: []`, which matches nothing (MongoDB and the embedded engine
 * agree) and which the index answers at once, rather than dropping the filter and matching everything.
 */
export function searchFilter(q: string): { $all: string[] } {
  return { $all: searchTokens(q) };
}
