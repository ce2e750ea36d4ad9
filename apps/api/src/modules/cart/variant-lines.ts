import { variantTitleOf } from '@mercato/shared';
import type { ObjectId } from 'mongodb';
import { AppError, invalidField } from '../../lib/app-error.js';
import { toImage } from '../catalog/dto.js';
import type { PricingProduct } from '../catalog/store-service.js';
import { variantIdOf, type VariantDoc } from '../catalog/variants.js';
import type { CartItem } from './model.js';
import type { PricedProduct } from './pricing.js';

/** Every variant of a product as a cart line prices it, keyed by variant id in the caller's map. */
export function pricedVariantsOf(product: PricingProduct): PricedProduct[] {
  const productId = product._id.toHexString();
  const isListed = product.active && !product.archived;
  return product.variants.map((variant) => {
    const own = variant.imageIds[0] && product.images.find((image) => image.imageId.equals(variant.imageIds[0]!));
    const image = own ?? product.images[0];
    return {
      id: productId,
      variantId: variant._id.toHexString(),
      variantTitle: variantTitleOf(variant.optionValues),
      sku: variant.sku,
      slug: product.slug,
      name: product.name,
      image: image ? toImage(image) : null,
      price: variant.price,
      stock: variant.stock,
      categoryId: product.categoryId?.toHexString() ?? null,
      isPurchasable: isListed && variant.active,
    };
  });
}

/**
 * The variant a shopper asked for: the one named, or, when none is named, the product's only one. A product with
 * several variants needs the choice (the storefront's option pickers make it), so the field is named in the error.
 */
export function chooseVariant(
  product: { _id: ObjectId; variants: readonly VariantDoc[] },
  variantId: string | undefined,
  field: string,
): VariantDoc {
  if (variantId === undefined) {
    const [only, ...others] = product.variants;
    if (only && others.length === 0) return only;
    throw invalidField(field, 'choose one of the product’s variants (size, colour…)');
  }
  const variant = product.variants.find((entry) => entry._id.toHexString() === variantId);
  if (!variant || !variant.active)
    throw new AppError('PRODUCT_UNAVAILABLE', 'This variant is not available.', {
      meta: { productId: product._id.toHexString(), variantId },
    });
  return variant;
}

/**
 * The cart line of a product the shopper means: the named variant's, or the product's only line. A cart holding
 * several variants of the product needs the variant named (`field`).
 */
export function findLine(
  items: readonly CartItem[],
  productId: ObjectId,
  variantId: string | undefined,
  field: string,
): CartItem | undefined {
  const ofProduct = items.filter((item) => item.productId.equals(productId));
  if (variantId !== undefined) return ofProduct.find((item) => variantIdOf(item).toHexString() === variantId);
  if (ofProduct.length > 1) throw invalidField(field, 'the cart holds several variants of this product; name one');
  return ofProduct[0];
}
