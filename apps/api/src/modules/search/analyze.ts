import { foldText } from '../catalog/text.js';

/**
 * Text analysis shared by indexing (write time) and querying (read time): both sides must cut words, fold them and
 * reduce plurals the same way, or a stored key and a query key for the same word would never meet.
 */

/** Longest word that is indexed at all; longer "words" are pasted hashes or garbage and match nothing. */
export const MAX_WORD_LENGTH = 40;
/** Prefix keys stop here: a query word longer than this is looked up by its first letters and verified in memory. */
export const MAX_PREFIX_LENGTH = 20;
/** Shortest prefix that is indexed: one letter would put every product under a handful of keys. */
export const MIN_PREFIX_LENGTH = 2;
/** At most this many distinct words of a query are used (the contract refuses more); bounds every query's cost. */
export const MAX_QUERY_WORDS = 10;

/** Folded words of a text, in order, duplicates kept (scoring counts positions); over-long words dropped. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const word of foldText(text).split(/[^\p{L}\p{N}]+/u)) {
    if (word.length > 0 && word.length <= MAX_WORD_LENGTH) out.push(word);
  }
  return out;
}

/** The distinct words of a query, at most MAX_QUERY_WORDS of them, in the order typed. */
export function queryWords(q: string): string[] {
  return [...new Set(words(q))].slice(0, MAX_QUERY_WORDS);
}

const SIBILANT_ES = /(?:s|x|z|ch|sh)es$/;
const KEEPS_S = /(?:ss|us|is)$/;

/**
 * A plural-insensitive key for an English word, not a dictionary stem: singular and plural forms map to the same
 * key (knife/knives → knif, glove/gloves → glof, box/boxes → box, case/cases → cas, battery/batteries → battery,
 * glass/glasses → glass). "-ves" is ambiguous (knives/knife, gloves/glove), so every "-ve"/"-fe" ending becomes "f" on
 * both sides. A final "e" is dropped on both sides so that "-es" plurals of words ending in "e" meet their singular without
 * knowing which "-ses" words are "-s" + "es" (glass-es) and which are "-se" + "s" (case-s). Digits and short words
 * are left alone; the key is only ever compared with other keys, never shown.
 */
export function pluralKey(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let base = word;
  if (base.endsWith('ies') && base.length > 4) base = `${base.slice(0, -3)}y`;
  else if (base.endsWith('ves') && base.length > 4) base = `${base.slice(0, -3)}f`;
  else if (SIBILANT_ES.test(base)) base = base.slice(0, -2);
  else if (base.endsWith('s') && !KEEPS_S.test(base)) base = base.slice(0, -1);
  if (base.endsWith('fe')) base = base.slice(0, -1);
  else if (base.endsWith('ve')) base = `${base.slice(0, -2)}f`;
  else if (base.endsWith('e') && base.length > 3) base = base.slice(0, -1);
  return base;
}

/**
 * Typos forgiven in a word of this length, as Meilisearch does it: none under 4 letters (too many short words are
 * one edit apart), one up to 7, two from 8.
 */
export function typoBudget(length: number): 0 | 1 | 2 {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

/**
 * The typos forgiven in this word: none in a word with a digit, where one character is the whole difference between
 * two products ("lantern1" and "lantern2", "x100" and "x200"); otherwise by length.
 */
export function typoBudgetOf(word: string): 0 | 1 | 2 {
  return /\d/.test(word) ? 0 : typoBudget(word.length);
}

/**
 * The deletion neighbourhood of a word (SymSpell): the word and every string made by deleting up to `distance`
 * letters. Two words within `distance` edits (insertions, deletions, substitutions, adjacent transpositions) share
 * at least one member, so typo matching becomes an exact lookup of indexed keys; candidates are then verified with
 * the real edit distance, because sharing a member does not prove closeness.
 */
export function deletions(word: string, distance: number): string[] {
  const found = new Set([word]);
  let frontier = [word];
  for (let step = 0; step < distance; step += 1) {
    const next: string[] = [];
    for (const current of frontier) {
      if (current.length <= 1) continue;
      for (let index = 0; index < current.length; index += 1) {
        const shorter = current.slice(0, index) + current.slice(index + 1);
        if (!found.has(shorter)) {
          found.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return [...found];
}
