import type { TSearchSort } from '@mercato/shared';
import type { ObjectId } from 'mongodb';

/**
 * The one seam between the shop and whatever answers searches. The MongoDB engine (`mongo-engine.ts`) is the default
 * and needs nothing installed; docs/search.md shows how Meilisearch, Typesense or Atlas Search would implement this
 * interface instead. The shop never builds search queries itself: it hands over words and filters and gets ranked
 * product ids and facet counts back, then loads and caches the products as for any listing.
 */
export interface SearchEngine {
  /** Ranked, filtered, paged product ids for a query, with disjunctive facet counts and a correction when empty. */
  search(request: SearchRequest): Promise<SearchHits>;
  /** The best few products and the categories whose name matches, for the header while a shopper types. */
  suggest(q: string, limit: number): Promise<Suggestions>;
  /**
   * Products changed outside a product write (a category was renamed, whose name every product in it is found by):
   * bring their index entries up to date before the change is acknowledged. A dedicated engine also needs every
   * product write here (an outbox or change stream feeding it); the MongoDB engine computes keys in the write itself.
   */
  reindex(scope: { categoryId: ObjectId }): Promise<number>;
}

/**
 * Filters a search applies; each facet's values are alternatives (OR), facets combine with AND. An absent facet does
 * not filter; an empty list matches nothing (every category asked for is unknown).
 */
export interface SearchFilters {
  categoryIds?: ObjectId[];
  /** Price ranges in minor units, `max` exclusive (null: open-ended). */
  priceRanges?: { min: number; max: number | null }[];
  inStock?: boolean;
  /** Chosen option values by option name (Size: M or L); one variant must match every option chosen. */
  options?: { name: string; values: string[] }[];
}

export interface SearchRequest {
  q: string;
  filters: SearchFilters;
  sort: TSearchSort;
  /** 0-based offset and page size. */
  skip: number;
  limit: number;
}

export interface SearchHits {
  ids: ObjectId[];
  total: number;
  /** More products matched than were examined; `total` and the counts are those of the examined candidates. */
  isCapped: boolean;
  facets: {
    /** Count per category id (hex), with every filter applied but the category filter. */
    category: Map<string, number>;
    /** Count per price band id, with every filter applied but the price filter. */
    price: Map<string, number>;
    /** In stock, with every filter applied but the in-stock filter. */
    inStock: number;
    /** Products per value of each option, with every filter applied but that option's own choice. */
    options: { name: string; values: { value: string; count: number }[] }[];
  };
  /** Set only when the query matched nothing: the closest query that matches something. */
  didYouMean: string | null;
}

export interface Suggestions {
  productIds: ObjectId[];
  categoryIds: ObjectId[];
}
