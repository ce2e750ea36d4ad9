import {
  stockLevelOf,
  type TAdminProduct,
  type TCategory,
  type TImage,
  type TProduct,
  type TProductSummary,
  variantTitleOf,
} from '@mercato/shared';
import { variantFilename } from './images-repo.js';
import type { CategoryDoc, EmbeddedImage, ImageAssetDoc, ProductDoc } from './model.js';
import { onSaleStockOf } from './variants.js';

export const mediaUrl = (hash: string, width: number) => `/media/${variantFilename(hash, width)}`;

export function toImage(image: EmbeddedImage): TImage {
  const widths = image.widths;
  const middle = widths.find((width) => width >= 640) ?? widths[widths.length - 1] ?? image.width;
  return {
    id: image.imageId.toHexString(),
    alt: image.alt,
    src: mediaUrl(image.hash, middle),
    srcset: widths.map((width) => `${mediaUrl(image.hash, width)} ${width}w`).join(', '),
    width: image.width,
    height: image.height,
  };
}

export function embedImage(asset: ImageAssetDoc, alt: string): EmbeddedImage {
  return {
    imageId: asset._id,
    alt,
    hash: asset.hash,
    width: asset.width,
    height: asset.height,
    widths: asset.variants.map((variant) => variant.width).sort((a, b) => a - b),
  };
}

type CategoryLookup = Map<string, CategoryDoc>;

function categorySummary(product: ProductDoc, categories: CategoryLookup) {
  const category = product.categoryId ? categories.get(product.categoryId.toHexString()) : undefined;
  return category ? { id: category._id.toHexString(), slug: category.slug, name: category.name } : null;
}

/**
 * A product as listings show it: its stock only as a level (in stock, low, out), never the count, so a sale that
 * leaves the level alone leaves every cached listing valid (`stockChanged` in store-service.ts).
 */
export function toProductSummary(product: ProductDoc, categories: CategoryLookup, currency: string): TProductSummary {
  const first = product.images[0];
  const onSale = onSaleStockOf(product.variants);
  return {
    id: product._id.toHexString(),
    slug: product.slug,
    name: product.name,
    price: product.price,
    maxPrice: product.maxPrice ?? product.price,
    compareAtPrice: product.compareAtPrice,
    currency,
    image: first ? toImage(first) : null,
    category: categorySummary(product, categories),
    inStock: onSale > 0,
    stockLevel: stockLevelOf(onSale),
    featured: product.featured,
    createdAt: product.createdAt.toISOString(),
  };
}

export function toProduct(product: ProductDoc, categories: CategoryLookup, currency: string): TProduct {
  return {
    ...toProductSummary(product, categories, currency),
    stock: onSaleStockOf(product.variants),
    description: product.description,
    images: product.images.map(toImage),
    attributes: product.attributes,
    options: product.options.map((option) => ({ name: option.name, values: [...option.values] })),
    variants: product.variants.map((variant) => ({
      id: variant._id.toHexString(),
      title: variantTitleOf(variant.optionValues),
      optionValues: [...variant.optionValues],
      sku: variant.sku,
      price: variant.price,
      compareAtPrice: variant.compareAtPrice,
      stock: variant.stock,
      imageIds: variant.imageIds.map((id) => id.toHexString()),
      isAvailable: variant.active,
    })),
    updatedAt: product.updatedAt.toISOString(),
  };
}

/**
 * A product as staff manage it. Its stock, reserved and sold are the totals over every variant, inactive ones too:
 * the edit form sends the stock back on save, so an on-sale count here would overwrite units staff only took off
 * sale. `inStock` and `stockLevel` stay what shoppers see.
 */
export function toAdminProduct(product: ProductDoc, categories: CategoryLookup, currency: string): TAdminProduct {
  const shown = toProduct(product, categories, currency);
  return {
    ...shown,
    stock: product.stock,
    variants: shown.variants.map((variant, index) => ({
      ...variant,
      barcode: product.variants[index]?.barcode ?? null,
      reserved: product.variants[index]?.reserved ?? 0,
      sold: product.variants[index]?.sold ?? 0,
    })),
    active: product.active,
    archived: product.archived,
    reserved: product.reserved,
    sold: product.sold,
    categoryId: product.categoryId?.toHexString() ?? null,
  };
}

export function toCategory(category: CategoryDoc, productCount: number): TCategory {
  return {
    id: category._id.toHexString(),
    slug: category.slug,
    name: category.name,
    description: category.description,
    image: category.image ? toImage(category.image) : null,
    sortOrder: category.sortOrder,
    productCount,
  };
}

export function lookupOf(categories: CategoryDoc[]): CategoryLookup {
  return new Map(categories.map((category) => [category._id.toHexString(), category]));
}
