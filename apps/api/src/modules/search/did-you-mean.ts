/** What finding a correction needs from an engine: whether words match, and the closest indexed word to one. */
export interface CorrectionSource {
  hasMatch(words: string[]): Promise<boolean>;
  closestWord(word: string): Promise<string | undefined>;
}

/**
 * The closest query that finds something, for a query that found nothing: each word that matches nothing is
 * replaced by the closest indexed word (or dropped when there is none); if the words match one by one but not
 * together, the query without one of them (the last ones first: shoppers refine by adding words). At most
 * 3 × words small lookups, and only for queries with no result (answers are cached like any search).
 */
export async function closestQuery(words: readonly string[], source: CorrectionSource): Promise<string | null> {
  const fixed: string[] = [];
  let changed = false;
  for (const word of words) {
    if (await source.hasMatch([word])) {
      fixed.push(word);
      continue;
    }
    changed = true;
    const replacement = await source.closestWord(word);
    if (replacement !== undefined && !fixed.includes(replacement)) fixed.push(replacement);
  }
  if (fixed.length === 0) return null;
  if (changed && (await source.hasMatch(fixed))) return fixed.join(' ');
  if (fixed.length === 1) return null;
  for (let drop = fixed.length - 1; drop >= 0; drop -= 1) {
    const fewer = fixed.filter((_, index) => index !== drop);
    if (await source.hasMatch(fewer)) return fewer.join(' ');
  }
  return null;
}
