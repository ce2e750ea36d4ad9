import type { TProductOption } from '@mercato/shared';
import type { ObjectId } from 'mongodb';
import type { VariantDoc } from './variants.js';

/** An image as embedded in products/categories: copied from its (immutable, content-addressed) asset at write time. */
export interface EmbeddedImage {
  imageId: ObjectId;
  alt: string;
  hash: string;
  width: number;
  height: number;
  /** Widths of the WebP renditions, ascending. */
  widths: number[];
}

export interface ProductDoc {
  _id: ObjectId;
  name: string;
  slug: string;
  description: string;
  /**
   * Minor units of the store currency: the lowest price of an active variant ("from"), with `maxPrice` the highest
   * (equal when every variant costs the same). Derived from `variants` by every write that changes them.
   */
  price: number;
  maxPrice: number;
  compareAtPrice: number | null;
  categoryId: ObjectId | null;
  /** 0–3 options (Size, Colour) with their values in display order; empty for a product sold one way. */
  options: TProductOption[];
  /** 1–100 variants; exactly one (with no option values) when there are no options. See `variants.ts`. */
  variants: VariantDoc[];
  /**
   * True when the product has options (derived from `variants` with the price range); absent on products sold one
   * way. Listings find the products whose option facets they count by it (`storefront_options_newest`).
   */
  hasOptions?: boolean;
  images: EmbeddedImage[];
  attributes: { key: string; value: string }[];
  /**
   * The sums over the variants, moved in the same atomic update as the variant's own counts. Available to sell:
   * checkout moves units to `reserved`, payment moves them to `sold`: stock + reserved + sold is constant.
   */
  stock: number;
  reserved: number;
  sold: number;
  active: boolean;
  featured: boolean;
  /** Archived products (deleted while referenced by orders) are hidden everywhere but kept for order history. */
  archived: boolean;
  archivedAt?: Date;
  /** Derived at write time by the search module (`search/search-keys.ts`): the keys the search index looks up. */
  searchKeys: string[];
  /** Which version of the key rules computed `searchKeys`; older ones are recomputed by a migration. */
  searchVersion: number;
  /** Folded name, for the "name" sort. */
  nameKey: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface CategoryDoc {
  _id: ObjectId;
  name: string;
  slug: string;
  description: string;
  image: EmbeddedImage | null;
  sortOrder: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ImageAssetDoc {
  _id: ObjectId;
  /** First 32 hex chars of the SHA-256 of the original bytes: the same upload twice is stored once. */
  hash: string;
  width: number;
  height: number;
  sourceFormat: string;
  bytes: number;
  variants: { width: number; height: number; filename: string; bytes: number }[];
  createdAt: Date;
}

export const PRODUCTS = 'products';
export const CATEGORIES = 'categories';
export const IMAGE_ASSETS = 'image_assets';
export const MEDIA_BUCKET = 'media';
