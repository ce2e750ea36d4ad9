import type { ObjectId } from 'mongodb';
import type { Migration } from '../../lib/migrations.js';
import { createAuditLog, type AuditLog } from '../audit/repo.js';
import { PRODUCTS } from './model.js';
import type { VariantDoc } from './variants.js';

/** The only writes that set a variant's `active`: after one of them, an inactive variant is what staff chose. */
const VARIANT_EDITS = ['product.variants', 'product.import'];

interface SoleVariantProduct {
  _id: ObjectId;
  variants: VariantDoc[];
  updatedAt: Date;
}

/**
 * Products created as drafts (`active: false`) before the fix got a default variant that was off sale too, so once
 * published they showed sold out and the cart refused them. This switches that variant on.
 *
 * The product alone cannot tell such a variant from one staff switched off on purpose (the variant table and a CSV
 * import can switch a product's only variant off). The audit log can: a variant is switched on only when the
 * product's `product.create` entry shows it created off (the bug; creation never did so otherwise) with this very
 * variant, no variant table save or import (`VARIANT_EDITS`) came since, and no write newer than the last entry is
 * in flight. A product whose creation has left the log (retention removes the oldest entries first) is left alone:
 * when in doubt, nothing staff may have taken off sale is put back on. Each switch is audited; the write is guarded
 * on the product as read, so it is idempotent and safe for two instances at once.
 */
export const draftVariantMigration: Migration = {
  id: 'product-draft-variant-on-sale-v1',
  async run(db) {
    const products = db.collection<SoleVariantProduct>(PRODUCTS);
    const audit = createAuditLog(db);
    const candidates = products.find(
      { options: { $size: 0 }, variants: { $size: 1 }, 'variants.0.active': false },
      { projection: { variants: 1, updatedAt: 1 } },
    );
    let switchedOn = 0;
    let leftAlone = 0;
    for await (const product of candidates) {
      const [variant] = product.variants;
      if (!variant || !(await isCreatedOffByDraft(audit, product, variant))) {
        leftAlone += 1;
        continue;
      }
      const { modifiedCount } = await products.updateOne(
        {
          _id: product._id,
          options: { $size: 0 },
          variants: { $size: 1 },
          'variants.0._id': variant._id,
          'variants.0.active': false,
          updatedAt: product.updatedAt,
        },
        { $set: { 'variants.0.active': true } },
      );
      if (modifiedCount === 0) {
        leftAlone += 1;
        continue;
      }
      switchedOn += 1;
      await audit.record({
        actor: { id: 'system', email: 'system' },
        action: 'product.variant_on_sale',
        entity: { type: 'product', id: product._id.toHexString() },
        before: { variantId: variant._id.toHexString(), active: false },
        after: { variantId: variant._id.toHexString(), active: true, reason: `migration ${draftVariantMigration.id}` },
      });
    }
    return { switchedOn, leftAlone };
  },
};

async function isCreatedOffByDraft(
  audit: AuditLog,
  product: SoleVariantProduct,
  variant: VariantDoc,
): Promise<boolean> {
  const entries = await audit.history({ type: 'product', id: product._id.toHexString() });
  const created = entries.find((entry) => entry.action === 'product.create')?.after as
    { active?: boolean; variants?: { _id?: ObjectId; active?: boolean }[] } | undefined;
  const createdVariant = created?.variants?.length === 1 ? created.variants[0] : undefined;
  const last = entries.at(-1);
  return (
    created?.active === false &&
    createdVariant?.active === false &&
    createdVariant._id?.equals(variant._id) === true &&
    !entries.some((entry) => VARIANT_EDITS.includes(entry.action)) &&
    last !== undefined &&
    last.at >= product.updatedAt
  );
}
