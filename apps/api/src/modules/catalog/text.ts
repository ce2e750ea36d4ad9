/** Lower-case, strip accents (NFKD + drop combining marks), so "Crème" and "creme" are the same word. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/**
 * Whole-word tokens of a text: accent- and case-insensitive, deduplicated. The admin category search matches them in
 * memory; product search has its own analysis (`modules/search/`).
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
