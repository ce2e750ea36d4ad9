import type { ObjectId } from 'mongodb';
import { SEARCH_KEYS_VERSION, searchKeys } from './search-keys.js';

/** What a product's search keys are computed from. */
export interface SearchableProduct {
  _id: ObjectId;
  name: string;
  description: string;
  attributes: { key: string; value: string }[];
  categoryId: ObjectId | null;
}

export const SEARCHABLE_FIELDS = { name: 1, description: 1, attributes: 1, categoryId: 1 } as const;

/** The derived fields stored on a product for search; written with every change of what they are computed from. */
export interface SearchFields {
  searchKeys: string[];
  searchVersion: number;
}

export function searchFieldsOf(
  product: Pick<SearchableProduct, 'name' | 'description' | 'attributes'>,
  categoryName: string | null,
): SearchFields {
  return {
    searchKeys: searchKeys({
      name: product.name,
      category: categoryName,
      attributes: product.attributes.map((attribute) => attribute.value),
      description: product.description,
    }),
    searchVersion: SEARCH_KEYS_VERSION,
  };
}
