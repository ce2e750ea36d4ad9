import type { TCatalogImportReport } from '@mercato/shared';
import type { Readable } from 'node:stream';
import type { Cache } from '../../../lib/cache.js';
import type { Actor, AuditLog } from '../../audit/repo.js';
import type { CategoriesRepo } from '../categories-repo.js';
import type { ProductDoc } from '../model.js';
import type { ProductsRepo } from '../products-repo.js';
import { CATALOG_TAGS } from '../store-service.js';
import { skuKeyOf } from '../variants.js';
import { detectLayout } from './csv-format.js';
import { readRow } from './csv-rows.js';
import { planProduct, type DiffContext, type ProductPlan, type SkuClaims } from './import-diff.js';
import { draftProducts, type ProductDraft } from './import-drafts.js';
import { applyPlans } from './import-apply.js';
import { readCsv } from './read-csv.js';

export interface CatalogImportDeps {
  products: ProductsRepo;
  categories: CategoriesRepo;
  audit: AuditLog;
  cache: Cache;
  currency: string;
}

const BATCH = 1000;
const chunks = <T>(items: readonly T[]) =>
  Array.from({ length: Math.ceil(items.length / BATCH) }, (_, index) =>
    items.slice(index * BATCH, (index + 1) * BATCH),
  );

/**
 * Catalogue CSV import: the upload is parsed as it streams in, every product of the file is planned against the
 * catalogue (created, updated, unchanged, or refused with errors naming row and column), and, unless it is a dry run,
 * the planned products are written — each in one document write, so a product is written whole or not at all; the
 * products without errors are written even when others have errors (the report lists both).
 */
/** Rounds of looking up the owners of made-up SKUs and planning again (each finds owners the last did not). */
const MAX_SKU_ROUNDS = 5;

export function createCatalogImport(deps: CatalogImportDeps) {
  const { products, categories, audit, cache, currency } = deps;

  async function existingBySlug(drafts: readonly ProductDraft[]): Promise<Map<string, ProductDoc>> {
    const slugs = [...new Set(drafts.map((draft) => draft.handle).filter((handle) => handle !== ''))];
    const found = new Map<string, ProductDoc>();
    for (const batch of chunks(slugs)) {
      for (const product of await products.collection.find({ slug: { $in: batch } }).toArray())
        found.set(product.slug, product);
    }
    return found;
  }

  /** Adds the products that already hold any of these SKUs to the claims. */
  async function lookUpOwners(claims: SkuClaims, skuKeys: Iterable<string>): Promise<boolean> {
    const keys = [...new Set(skuKeys)].filter((key) => !claims.owners.has(key));
    let found = false;
    for (const batch of chunks(keys)) {
      const owners = products.collection.find(
        { 'variants.skuKey': { $in: batch } },
        { projection: { slug: 1, name: 1, 'variants.skuKey': 1 } },
      );
      const wanted = new Set(batch);
      for await (const owner of owners) {
        for (const variant of owner.variants) {
          if (!wanted.has(variant.skuKey)) continue;
          claims.owners.set(variant.skuKey, { productId: owner._id, slug: owner.slug, name: owner.name });
          found = true;
        }
      }
    }
    return found;
  }

  return {
    /** Reads, plans and (unless `dryRun`) applies one CSV file; returns the per-row report. */
    async run(
      input: Readable,
      options: { dryRun: boolean; actor: Actor; assertWhole?: () => void },
    ): Promise<TCatalogImportReport> {
      const table = await readCsv(input);
      options.assertWhole?.();
      const layout = detectLayout(table.header);
      const rows = table.records.map((record) => readRow(layout, record.fields, record.row, currency));
      const drafts = draftProducts(layout, rows);
      const existing = await existingBySlug(drafts);

      const skus: SkuClaims = { owners: new Map(), firstInFile: new Map() };
      for (const draft of drafts) {
        for (const variant of draft.variants) {
          const key = variant.sku === undefined ? undefined : skuKeyOf(variant.sku);
          if (key && !skus.firstInFile.has(key)) skus.firstInFile.set(key, { row: variant.row, handle: draft.handle });
        }
      }
      await lookUpOwners(skus, skus.firstInFile.keys());
      const context: DiffContext = { layout, categories: await categories.all(), skus, now: new Date() };
      const plan = (draft: ProductDraft) => planProduct(draft, existing.get(draft.handle) ?? null, context);
      let plans = drafts.map(plan);
      // SKUs the import makes up (or keeps) for variants the file gives none may be another product's: plan again,
      // which moves a made-up default SKU on to the next free one, until no planned SKU has an owner not yet known.
      const written = (entry: ProductPlan) =>
        entry.result === 'created' ? entry.doc.variants : entry.result === 'updated' ? entry.fields.variants : [];
      for (let round = 0; round < MAX_SKU_ROUNDS; round += 1) {
        if (
          !(await lookUpOwners(
            skus,
            plans.flatMap(written).map((variant) => variant.skuKey),
          ))
        )
          break;
        plans = drafts.map(plan);
      }

      if (!options.dryRun) {
        plans = await applyPlans(plans, { products, audit, actor: options.actor, context });
        if (plans.some((entry) => entry.result === 'created' || entry.result === 'updated'))
          await cache.bump(CATALOG_TAGS.products);
      }
      return reportOf(layout.format, options.dryRun, rows.length, plans, layout.ignoredColumns);
    },
  };
}

export type CatalogImport = ReturnType<typeof createCatalogImport>;

function reportOf(
  format: TCatalogImportReport['format'],
  dryRun: boolean,
  rowCount: number,
  plans: readonly ProductPlan[],
  ignoredColumns: string[],
): TCatalogImportReport {
  const count = (result: ProductPlan['result']) => plans.filter((entry) => entry.result === result).length;
  const items = plans.flatMap((entry) => {
    const rowsWithErrors = new Set(entry.errors.map((error) => error.row));
    const skuOf = new Map(entry.draft.variants.map((variant) => [variant.row, variant.sku ?? '']));
    return entry.draft.rows.map((row) => ({
      row,
      handle: entry.draft.handle,
      sku: skuOf.get(row) ?? '',
      result: entry.result === 'error' ? (rowsWithErrors.has(row) ? 'error' : 'skipped') : entry.result,
    })) satisfies TCatalogImportReport['items'];
  });
  const byRow = <T extends { row: number }>(list: T[]) => list.sort((a, b) => a.row - b.row);
  return {
    format,
    dryRun,
    rows: rowCount,
    products: {
      created: count('created'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      failed: count('error'),
    },
    items: byRow(items),
    errors: byRow(plans.flatMap((entry) => entry.errors)),
    notices: byRow(plans.flatMap((entry) => entry.notices)),
    ignoredColumns,
  };
}
