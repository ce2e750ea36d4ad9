import { ObjectId, type AnyBulkWriteOperation, type Collection, type Document } from 'mongodb';
import { setImmediate } from 'node:timers/promises';
import type { ProductDoc } from '../catalog/model.js';
import { onSaleValues } from '../catalog/option-facets.js';
import { onSaleStockOf } from '../catalog/variants.js';
import { deletions, queryWords, typoBudget, words as wordsOf } from './analyze.js';
import type { SearchEngine, SearchHits, SearchRequest } from './engine.js';
import { closestQuery } from './did-you-mean.js';
import { editDistance } from './edit-distance.js';
import { applyFacets } from './facets.js';
import { analyse, compareRelevance, relevanceOf, toQueryWords, type Relevance } from './match.js';
import { TIERS, tierFilter, type Tier } from './query-keys.js';
import { SEARCHABLE_FIELDS, searchFieldsOf, type SearchableProduct } from './product-fields.js';

/** Suggestions need the best 8 of far fewer: the name tier alone usually fills this. */
export const SUGGEST_CANDIDATES = 100;

const VISIBLE = { active: true, archived: false };
/**
 * Candidates read per batch and ranked between two turns of the event loop. A broad query reads and ranks up to a
 * thousand products, some 20 ms of this process's CPU: in one piece it would hold every cached read queued behind
 * it (a stock-level change recomputes every search at once); in slices of this size they are answered in between.
 */
const BATCH = 200;
/**
 * The index every candidate query reads (declared in catalog/products-repo.ts), named as a hint: on a small
 * catalogue a planner may prefer scanning the visibility index, which grows with the catalogue; the key index does
 * not (a query reads only the products holding its keys).
 */
export const SEARCH_INDEX = 'search_keys';
const CANDIDATE_FIELDS = {
  name: 1,
  description: 1,
  attributes: 1,
  categoryId: 1,
  price: 1,
  nameKey: 1,
  createdAt: 1,
  options: 1,
  'variants.optionValues': 1,
  'variants.active': 1,
  'variants.stock': 1,
} as const;

export type Candidate = Pick<SearchableProduct, '_id' | 'name' | 'description' | 'attributes' | 'categoryId'> & {
  price: number;
  nameKey: string;
  createdAt: Date;
  options?: { name: string; values: string[] }[];
  variants: { optionValues: string[]; active: boolean; stock: number }[];
};

interface Ranked {
  doc: Candidate;
  relevance: Relevance;
  categoryId: string | null;
  price: number;
  inStock: boolean;
  options: Candidate['options'];
  variantValues: string[][];
}

export interface MongoSearchDeps {
  products: Collection<ProductDoc>;
  /** Category id (hex) → name, for matching products by their category's name and for category suggestions. */
  categoryNames(): Promise<Map<string, string>>;
  /** Most candidates one search reads (SEARCH_CANDIDATE_LIMIT); beyond it the answer says `isCapped`. */
  candidateLimit: number;
}

const BY_SORT: Record<Exclude<SearchRequest['sort'], 'relevance'>, (a: Ranked, b: Ranked) => number> = {
  newest: (a, b) => b.doc.createdAt.getTime() - a.doc.createdAt.getTime() || compareIds(b, a),
  price_asc: (a, b) => a.price - b.price || compareIds(a, b),
  price_desc: (a, b) => b.price - a.price || compareIds(b, a),
  name: (a, b) => (a.doc.nameKey < b.doc.nameKey ? -1 : a.doc.nameKey > b.doc.nameKey ? 1 : compareIds(a, b)),
};
const compareIds = (a: Ranked, b: Ranked) => a.doc._id.toHexString().localeCompare(b.doc._id.toHexString());
const byRelevance = (a: Ranked, b: Ranked) => compareRelevance(a.relevance, b.relevance) || BY_SORT.name(a, b);

/** The exact query one retrieval tier sends (exported so tests explain what the engine runs), or none. */
export function candidateQuery(words: readonly string[], tier: Tier, limit: number, typoWords?: ReadonlySet<string>) {
  const keys = tierFilter(words, tier, typoWords);
  if (!keys) return undefined;
  return {
    filter: { ...VISIBLE, ...keys } as Document,
    options: { projection: CANDIDATE_FIELDS, limit, hint: SEARCH_INDEX },
  };
}

/**
 * Search on MongoDB (or the embedded engine) with nothing else installed: candidates come from one multikey index
 * over keys computed at write time (`search-keys.ts`), at most `candidateLimit` of them, tier by tier; ranking,
 * typo verification and facet counts happen here on that bounded set (docs/decisions/0011-search-on-mongodb.md).
 */
export function createMongoSearchEngine(deps: MongoSearchDeps): SearchEngine {
  const { products } = deps;
  const { candidateLimit } = deps;

  /** Whether a word matches some visible product exactly or as a prefix: one index lookup of one document. */
  async function matchesAsTyped(word: string): Promise<boolean> {
    const query = candidateQuery([word], 'anywhere', 1);
    return query
      ? (await products.findOne(query.filter, { ...query.options, projection: { _id: 1 } })) !== null
      : false;
  }

  /**
   * Candidates of every query word, best tiers first, at most `cap`; `isCapped` if more may exist. The name tier
   * only for one word (several words rarely fill the cap from names alone, and each tier re-reads the products of
   * the driving word). Typos only for words that match nothing as typed, as Algolia's "min" typo tolerance: a word
   * that exists is taken as meant ("lamp" does not also find "camp"), and a query whose words all exist skips the
   * typo tier, the costliest, altogether.
   */
  async function retrieve(words: string[], cap: number) {
    const found = new Map<string, Candidate>();
    let isCapped = false;
    for (const tier of TIERS) {
      if (tier === 'name' && words.length > 1) continue;
      let typoWords: Set<string> | undefined;
      if (tier === 'typo') {
        // Some result means every word matched as typed; none, and each word is checked on its own.
        if (found.size > 0) break;
        typoWords = new Set();
        for (const word of words) if (!(await matchesAsTyped(word))) typoWords.add(word);
      }
      // A later tier is a superset of the earlier ones: ask for enough to still add `cap - found` new ones.
      const limit = cap + found.size;
      const query = candidateQuery(words, tier, limit, typoWords);
      if (!query) continue;
      const docs = await products.find<Candidate>(query.filter, { ...query.options, batchSize: BATCH }).toArray();
      for (const doc of docs) {
        if (found.size >= cap) break;
        found.set(doc._id.toHexString(), doc);
      }
      if (docs.length >= limit || found.size >= cap) {
        isCapped = true;
        break;
      }
    }
    return { candidates: [...found.values()], isCapped };
  }

  /** The candidates that really match every word (the check keys cannot make), with their relevance. */
  async function rank(words: string[], candidates: Candidate[]): Promise<Ranked[]> {
    const names = await deps.categoryNames();
    const query = toQueryWords(words);
    const ranked: Ranked[] = [];
    for (const [index, doc] of candidates.entries()) {
      if (index > 0 && index % BATCH === 0) await setImmediate();
      const categoryId = doc.categoryId ? doc.categoryId.toHexString() : null;
      const text = analyse({
        name: doc.name,
        category: categoryId ? (names.get(categoryId) ?? null) : null,
        attributes: doc.attributes.map((attribute) => attribute.value),
        description: doc.description,
      });
      const inStock = onSaleStockOf(doc.variants) > 0;
      const relevance = relevanceOf(query, text, inStock);
      if (!relevance) continue;
      ranked.push({
        doc,
        relevance,
        categoryId,
        price: doc.price,
        inStock,
        options: doc.options,
        variantValues: onSaleValues(doc.variants),
      });
    }
    return ranked;
  }

  async function hasMatch(words: string[]): Promise<boolean> {
    const { candidates } = await retrieve(words, 20);
    return (await rank(words, candidates)).length > 0;
  }

  /**
   * The indexed word closest to one that matches nothing, within two edits whatever its length: among products
   * holding one of its deletion keys or a name word starting with its first two letters (typos beyond the budget
   * are mostly two substitutions, which deletion keys stored at one edit cannot meet), the nearest word of their
   * names, categories and attributes, the most frequent among equals. Two bounded index lookups.
   */
  async function closestWord(word: string): Promise<string | undefined> {
    if (word.length < 3) return undefined;
    const reach = Math.min(2, word.length - 2);
    const keys = [...deletions(word, reach).map((variant) => `d:${variant}`), `np:${word.slice(0, 2)}`];
    const docs = await products
      .find<Candidate>(
        { ...VISIBLE, searchKeys: { $in: keys } },
        { projection: CANDIDATE_FIELDS, limit: 200, hint: SEARCH_INDEX },
      )
      .toArray();
    const names = await deps.categoryNames();
    const seen = new Map<string, { distance: number; count: number }>();
    for (const doc of docs) {
      const category = doc.categoryId ? (names.get(doc.categoryId.toHexString()) ?? '') : '';
      const tokens = new Set([
        ...wordsOf(doc.name),
        ...wordsOf(category),
        ...doc.attributes.flatMap((a) => wordsOf(a.value)),
      ]);
      for (const token of tokens) {
        const distance = editDistance(word, token, Math.max(reach, typoBudget(token.length)));
        if (distance > reach) continue;
        const entry = seen.get(token) ?? { distance, count: 0 };
        entry.count += 1;
        seen.set(token, entry);
      }
    }
    let best: [string, { distance: number; count: number }] | undefined;
    for (const entry of seen) {
      if (
        !best ||
        entry[1].distance < best[1].distance ||
        (entry[1].distance === best[1].distance && entry[1].count > best[1].count)
      )
        best = entry;
    }
    return best?.[0];
  }

  return {
    async search(request: SearchRequest): Promise<SearchHits> {
      const words = queryWords(request.q);
      const { candidates, isCapped } = await retrieve(words, candidateLimit);
      const ranked = await rank(words, candidates);
      const { kept, facets } = applyFacets(ranked, request.filters);
      kept.sort(request.sort === 'relevance' ? byRelevance : BY_SORT[request.sort]);
      const didYouMean =
        ranked.length === 0 && words.length > 0 ? await closestQuery(words, { hasMatch, closestWord }) : null;
      return {
        ids: kept.slice(request.skip, request.skip + request.limit).map((item) => item.doc._id),
        total: kept.length,
        isCapped,
        facets,
        didYouMean,
      };
    },

    async suggest(q: string, limit: number) {
      const words = queryWords(q);
      const { candidates } = await retrieve(words, SUGGEST_CANDIDATES);
      const ranked = (await rank(words, candidates)).sort(byRelevance);
      const query = toQueryWords(words);
      const categoryIds: ObjectId[] = [];
      const names = await deps.categoryNames();
      // Categories are few (tens): matched by name in memory, with the same rules as products.
      for (const [id, name] of names) {
        const text = analyse({ name, category: null, attributes: [], description: '' });
        if (words.length > 0 && relevanceOf(query, text, true)) categoryIds.push(new ObjectId(id));
      }
      return { productIds: ranked.slice(0, limit).map((item) => item.doc._id), categoryIds };
    },

    async reindex({ categoryId }) {
      const names = await deps.categoryNames();
      const category = names.get(categoryId.toHexString()) ?? null;
      const cursor = products.find<SearchableProduct>({ categoryId }, { projection: SEARCHABLE_FIELDS });
      let batch: AnyBulkWriteOperation<ProductDoc>[] = [];
      let updated = 0;
      for await (const doc of cursor) {
        batch.push({ updateOne: { filter: { _id: doc._id }, update: { $set: searchFieldsOf(doc, category) } } });
        if (batch.length === 500) {
          updated += (await products.bulkWrite(batch, { ordered: false })).matchedCount;
          batch = [];
        }
      }
      if (batch.length > 0) updated += (await products.bulkWrite(batch, { ordered: false })).matchedCount;
      return updated;
    },
  };
}
