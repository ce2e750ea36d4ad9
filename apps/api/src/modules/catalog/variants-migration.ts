import type { AnyBulkWriteOperation, Document, ObjectId } from 'mongodb';
import type { Migration } from '../../lib/migrations.js';
import { PRODUCTS } from './model.js';
import { defaultSkuOf, defaultVariant } from './variants.js';

const BATCH = 500;
/** Passes over products a concurrent checkout changed between the read and the write; each pass retries those. */
const MAX_PASSES = 20;

interface LegacyProduct {
  _id: ObjectId;
  slug: string;
  price: number;
  compareAtPrice?: number | null;
  stock: number;
  reserved?: number;
  sold?: number;
  holds?: { orderId: ObjectId; quantity: number; at: Date }[];
}

/**
 * Products stored before variants existed become products with one default variant carrying their price, stock,
 * reserved and sold counts, and their open stock holds name that variant. The default variant's id is the
 * product's own id, so two instances migrating at once agree on it. Each product is written only if its counts
 * are still the ones read (a checkout holding units meanwhile makes the write miss, and the next pass redoes it)
 * and it still has no variants: idempotent and resumable, like every migration.
 */
export const defaultVariantsMigration: Migration = {
  id: 'product-variants-v1',
  async run(db) {
    const products = db.collection(PRODUCTS);
    let updated = 0;
    for (let pass = 0; pass < MAX_PASSES; pass += 1) {
      const legacy = products.find<LegacyProduct>(
        { variants: { $exists: false } },
        { projection: { slug: 1, price: 1, compareAtPrice: 1, stock: 1, reserved: 1, sold: 1, holds: 1 } },
      );
      let batch: AnyBulkWriteOperation<Document>[] = [];
      let seen = 0;
      const flush = async () => {
        if (batch.length > 0) updated += (await products.bulkWrite(batch, { ordered: false })).modifiedCount;
        batch = [];
      };
      for await (const product of legacy) {
        seen += 1;
        batch.push({ updateOne: migrationOf(product) });
        if (batch.length === BATCH) await flush();
      }
      await flush();
      if (seen === 0) return { products: updated };
    }
    // Not recorded as done: the next start carries on where this one stopped.
    throw new Error(`products kept changing during ${MAX_PASSES} passes; the variants migration will resume`);
  },
};

function migrationOf(product: LegacyProduct) {
  const reserved = product.reserved ?? 0;
  const sold = product.sold ?? 0;
  const compareAtPrice = product.compareAtPrice ?? null;
  const variant = {
    ...defaultVariant(
      { price: product.price, compareAtPrice, stock: product.stock, sku: defaultSkuOf(product.slug, product._id) },
      product._id,
    ),
    reserved,
    sold,
  };
  return {
    filter: {
      _id: product._id,
      variants: { $exists: false },
      stock: product.stock,
      reserved: product.reserved ?? { $exists: false },
      sold: product.sold ?? { $exists: false },
      price: product.price,
    },
    update: {
      $set: {
        options: [],
        variants: [variant],
        maxPrice: product.price,
        reserved,
        sold,
        compareAtPrice,
        holds: (product.holds ?? []).map((hold) => ({ ...hold, variantId: product._id })),
      },
    },
  };
}

/**
 * Products given options before `hasOptions` was derived get the flag, so listings count their option facets. One
 * conditional update: a product already flagged (or given options by a write meanwhile, which sets it) is left
 * alone, so it is idempotent and safe for two instances at once.
 */
export const hasOptionsMigration: Migration = {
  id: 'product-has-options-v1',
  async run(db) {
    const result = await db
      .collection(PRODUCTS)
      .updateMany(
        { 'variants.optionValues.0': { $exists: true }, hasOptions: { $ne: true } },
        { $set: { hasOptions: true } },
      );
    return { products: result.modifiedCount };
  },
};
