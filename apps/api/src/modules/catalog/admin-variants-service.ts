import type { TAdminProduct, TProductVariantsInput, TStockAdjustment } from '@mercato/shared';
import { ObjectId } from 'mongodb';
import { AppError, invalidField, notFound } from '../../lib/app-error.js';
import type { Cache } from '../../lib/cache.js';
import type { Actor, AuditLog } from '../audit/repo.js';
import type { CategoriesRepo } from './categories-repo.js';
import { lookupOf, toAdminProduct } from './dto.js';
import type { ProductDoc } from './model.js';
import type { ProductsRepo } from './products-repo.js';
import { CATALOG_TAGS } from './store-service.js';
import { variantArrayFilters, variantUnits } from '../inventory/holds.js';
import { skuFields, summaryOf, variantProblems, type VariantDoc } from './variants.js';

export interface AdminVariantsDeps {
  products: ProductsRepo;
  categories: CategoriesRepo;
  audit: AuditLog;
  cache: Cache;
  currency: string;
}

/** Replacing the set is retried this often when checkouts keep moving its units between the read and the write. */
const MAX_ATTEMPTS = 10;

/**
 * Options, variants and per-variant stock, as staff manage them. Every write is guarded on the variants as read
 * (a checkout holding units meanwhile makes it retry on fresh counts, so held and sold units are never lost), audited,
 * and invalidates the storefront cache before it returns.
 */
export function createAdminVariants(deps: AdminVariantsDeps) {
  const { products, categories, audit, cache, currency } = deps;
  const present = async (product: ProductDoc) => toAdminProduct(product, lookupOf(await categories.all()), currency);

  async function load(id: string): Promise<ProductDoc> {
    const product = await products.findById(new ObjectId(id));
    if (!product) throw notFound('Product');
    return product;
  }

  return {
    /**
     * Replaces the product's options and variants. Variants keep their id (and their reserved and sold units) when
     * sent with it; one left out must have nothing held for a pending checkout.
     */
    async replace(id: string, input: TProductVariantsInput, actor: Actor): Promise<TAdminProduct> {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        const before = await load(id);
        const variants = variantsFrom(before, input);
        const summary = summaryOf(variants);
        const after = await products.collection
          .findOneAndUpdate(
            { _id: before._id, variants: before.variants },
            {
              $set: {
                options: input.options,
                variants,
                ...summary,
                updatedAt: new Date(),
              },
            },
            { returnDocument: 'after' },
          )
          .catch(async (error: { code?: number }) => {
            if (error.code !== 11000) throw error;
            throw await skuTakenElsewhere(products, before._id, variants);
          });
        if (!after) continue;
        await audit.record({
          actor,
          action: 'product.variants',
          entity: { type: 'product', id: before._id.toHexString() },
          before: { options: before.options, variants: before.variants },
          after: { options: after.options, variants: after.variants },
        });
        await cache.bump(CATALOG_TAGS.products);
        return present(after);
      }
      throw new AppError('CONFLICT', 'The product is being sold right now; try again.');
    },

    /** Adds or takes units of one variant (never below zero), audited with the reason. */
    async adjustStock(
      id: string,
      variantId: string,
      adjustment: TStockAdjustment,
      actor: Actor,
    ): Promise<TAdminProduct> {
      const productId = new ObjectId(id);
      const target = new ObjectId(variantId);
      const { delta, reason } = adjustment;
      const after = await products.collection.findOneAndUpdate(
        { _id: productId, variants: { $elemMatch: { _id: target, stock: { $gte: Math.max(0, -delta) } } } },
        { $inc: variantUnits('stock', delta), $set: { updatedAt: new Date() } },
        { arrayFilters: variantArrayFilters(target), returnDocument: 'after' },
      );
      if (!after) {
        const product = await load(id);
        const variant = product.variants.find((entry) => entry._id.equals(target));
        if (!variant) throw notFound('Variant');
        throw invalidField('body.delta', `would take the stock below zero (${variant.stock} left)`);
      }
      const variant = after.variants.find((entry) => entry._id.equals(target));
      await audit.record({
        actor,
        action: 'product.stock_adjust',
        entity: { type: 'product', id },
        before: { variantId, sku: variant?.sku, stock: (variant?.stock ?? 0) - delta },
        after: { variantId, sku: variant?.sku, stock: variant?.stock, delta, reason },
      });
      await cache.bump(CATALOG_TAGS.products);
      return present(after);
    },
  };
}

export type AdminVariants = ReturnType<typeof createAdminVariants>;

/**
 * The new variant set, checked against the rules; option values take the spelling of the option's own values, kept
 * variants keep their reserved and sold units, and a compare-at price left out defaults (see ZVariantInputSchema).
 */
function variantsFrom(before: ProductDoc, input: TProductVariantsInput): VariantDoc[] {
  const problems = variantProblems(input.options, input.variants);
  const imageIds = new Set(before.images.map((image) => image.imageId.toHexString()));
  const known = new Map(before.variants.map((variant) => [variant._id.toHexString(), variant]));
  input.variants.forEach((variant, index) => {
    if (variant.id !== undefined && !known.has(variant.id))
      problems.push({ path: `variants.${index}.id`, message: 'is not a variant of this product' });
    variant.imageIds.forEach((imageId, imageIndex) => {
      if (!imageIds.has(imageId))
        problems.push({ path: `variants.${index}.imageIds.${imageIndex}`, message: 'is not an image of this product' });
    });
  });
  const kept = new Set(input.variants.map((variant) => variant.id).filter((entry) => entry !== undefined));
  for (const variant of before.variants) {
    if (!kept.has(variant._id.toHexString()) && variant.reserved > 0)
      problems.push({
        path: 'variants',
        message: `${variant.sku} has ${variant.reserved} units held by checkouts in progress and cannot be removed now`,
      });
  }
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', problems[0]?.message ?? 'The variants are not valid.', {
      errors: problems.map((problem) => ({ path: `body.${problem.path}`, message: problem.message })),
    });

  const spelling = (optionIndex: number, value: string) =>
    input.options[optionIndex]?.values.find((known) => known.toLowerCase() === value.trim().toLowerCase()) ?? value;
  return input.variants.map((variant) => {
    const previous = variant.id !== undefined ? known.get(variant.id) : undefined;
    return {
      _id: previous?._id ?? new ObjectId(),
      ...skuFields(variant.sku),
      barcode: variant.barcode,
      optionValues: variant.optionValues.map((value, index) => spelling(index, value)),
      price: variant.price,
      compareAtPrice:
        variant.compareAtPrice !== undefined ? variant.compareAtPrice : (previous ?? before).compareAtPrice,
      stock: variant.stock,
      reserved: previous?.reserved ?? 0,
      sold: previous?.sold ?? 0,
      imageIds: variant.imageIds.map((imageId) => new ObjectId(imageId)),
      active: variant.active,
    };
  });
}

/** A SKU the unique index refused: which one, and by which product. */
async function skuTakenElsewhere(
  products: ProductsRepo,
  productId: ObjectId,
  variants: VariantDoc[],
): Promise<AppError> {
  const keys = variants.map((variant) => variant.skuKey);
  const other = await products.collection.findOne(
    { _id: { $ne: productId }, 'variants.skuKey': { $in: keys } },
    { projection: { name: 1, variants: 1 } },
  );
  const clash = other?.variants.find((variant) => keys.includes(variant.skuKey));
  const index = variants.findIndex((variant) => variant.skuKey === clash?.skuKey);
  if (!other || !clash || index < 0) return new AppError('CONFLICT', 'A SKU was taken meanwhile; try again.');
  return invalidField(`body.variants.${index}.sku`, `SKU ${clash.sku} is already used by ${other.name}`);
}
