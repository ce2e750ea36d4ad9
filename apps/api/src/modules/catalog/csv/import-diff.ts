import type { TCatalogImportMessage, TProductOption } from '@mercato/shared';
import { ObjectId } from 'mongodb';
import { searchFieldsOf } from '../../search/product-fields.js';
import type { CategoryDoc, ProductDoc } from '../model.js';
import { foldText } from '../text.js';
import {
  combinationKey,
  defaultSkuOf,
  foldOption as fold,
  skuFields,
  skuKeyOf,
  summaryOf,
  variantProblems,
  type VariantDoc,
} from '../variants.js';
import { OPTION_NAME, OPTION_VALUE, type Field, type Layout } from './csv-format.js';
import type { DraftVariant, ProductDraft } from './import-drafts.js';

/** Who already holds a SKU: another product in the catalogue, or another product earlier in the same file. */
export interface SkuClaims {
  owners: Map<string, { productId: ObjectId; slug: string; name: string }>;
  firstInFile: Map<string, { row: number; handle: string }>;
}

export interface DiffContext {
  layout: Layout;
  categories: readonly CategoryDoc[];
  skus: SkuClaims;
  now: Date;
}

/** Fields the import writes; `product.import` audits them before and after. */
export type ImportedFields = Pick<
  ProductDoc,
  | 'name'
  | 'description'
  | 'categoryId'
  | 'active'
  | 'featured'
  | 'attributes'
  | 'options'
  | 'variants'
  | 'hasOptions'
  | 'price'
  | 'maxPrice'
  | 'compareAtPrice'
  | 'stock'
  | 'reserved'
  | 'sold'
  | 'nameKey'
  | 'searchKeys'
  | 'searchVersion'
>;

export type ProductPlan = { draft: ProductDraft; errors: TCatalogImportMessage[]; notices: TCatalogImportMessage[] } & (
  | { result: 'error' }
  | { result: 'unchanged'; before: ProductDoc }
  | { result: 'created'; doc: ProductDoc }
  | { result: 'updated'; before: ProductDoc; fields: ImportedFields }
);

const SHOPIFY_ATTRIBUTES = new Set(['Vendor', 'Type', 'Tags']);

/**
 * What importing a drafted product does to the catalogue: create it, update it, leave it unchanged, or refuse it
 * with errors naming row and column. The rules are the admin screens' (`variantProblems`); kept variants (matched by
 * SKU, else by option values) keep their id, held and sold units and images; stock comes from the file when given.
 */
export function planProduct(draft: ProductDraft, before: ProductDoc | null, context: DiffContext): ProductPlan {
  const { layout } = context;
  const errors = [...draft.errors];
  const notices = [...draft.notices];
  const at = (row: number, field: Field | '(row)', message: string, into = errors) =>
    into.push({ row, column: field === '(row)' ? field : layout.columnOf(field), handle: draft.handle, message });
  const id = before?._id ?? new ObjectId();

  const categoryId = categoryOf(
    draft,
    before,
    context,
    (row, field, message, into) => at(row, field, message, into),
    notices,
  );
  const options = mergeOptions(before?.options ?? [], draft.options);
  const isTakenElsewhere = (skuKey: string) => {
    const owner = context.skus.owners.get(skuKey);
    const first = context.skus.firstInFile.get(skuKey);
    return (
      (owner !== undefined && !owner.productId.equals(id)) || (first !== undefined && first.handle !== draft.handle)
    );
  };
  const variants = matchVariants(draft, before, options, id, isTakenElsewhere);
  for (const problem of variantProblems(options, variants)) {
    const [kind, index, field, optionIndex] = problem.path.split('.');
    const variant = draft.variants[Number(index)];
    if (kind === 'options') at(draft.firstRow, OPTION_NAME[Number(index ?? 0)] ?? 'option1Name', problem.message);
    else if (problem.path === 'variants') at(draft.variants[100]?.row ?? draft.firstRow, 'handle', problem.message);
    else if (!variant) at(draft.firstRow, 'handle', problem.message);
    else if (field === 'optionValues')
      at(variant.row, OPTION_VALUE[Number(optionIndex ?? 0)] as Field, problem.message);
    else at(variant.row, field === 'stock' || field === 'price' ? field : 'sku', problem.message);
  }
  variants.forEach((variant, index) => {
    const row = draft.variants[index]?.row ?? draft.firstRow;
    const owner = context.skus.owners.get(variant.skuKey);
    if (owner && !owner.productId.equals(id))
      at(row, 'sku', `SKU ${variant.sku} is already used by ${owner.name} (${owner.slug})`);
    const first = context.skus.firstInFile.get(variant.skuKey);
    if (first && first.handle !== draft.handle)
      at(row, 'sku', `SKU ${variant.sku} is also in row ${first.row} (product ${first.handle})`);
  });
  const kept = new Set(variants.map((variant) => variant._id.toHexString()));
  for (const gone of before?.variants ?? []) {
    if (!kept.has(gone._id.toHexString()) && gone.reserved > 0)
      at(draft.firstRow, 'sku', `${gone.sku} is not in the file but has ${gone.reserved} units held by checkouts`);
  }
  for (const image of draft.images) {
    if (!before?.images.some((known) => image.url.includes(known.hash)))
      at(image.row, 'imageUrl', `image not fetched: ${image.url} (upload it on the product's page)`, notices);
  }
  if (errors.length > 0) return { draft, errors, notices, result: 'error' };

  const cells = draft.product;
  const name = cells.name ?? before?.name ?? draft.handle;
  const description = cells.description ?? before?.description ?? '';
  const attributes = cells.attributes
    ? [...(before?.attributes ?? []).filter((entry) => !SHOPIFY_ATTRIBUTES.has(entry.key)), ...cells.attributes]
    : (before?.attributes ?? []);
  const categoryName = categoryId
    ? (context.categories.find((category) => category._id.equals(categoryId))?.name ?? null)
    : null;
  const fields: ImportedFields = {
    name,
    description,
    categoryId,
    active: cells.active ?? before?.active ?? true,
    featured: cells.featured ?? before?.featured ?? false,
    attributes,
    options,
    variants,
    ...summaryOf(variants),
    nameKey: foldText(name),
    ...searchFieldsOf({ name, description, attributes }, categoryName),
  };
  if (!before) {
    const doc: ProductDoc = {
      _id: id,
      slug: draft.handle,
      images: [],
      archived: false,
      createdAt: context.now,
      updatedAt: context.now,
      ...fields,
    };
    return { draft, errors, notices, result: 'created', doc };
  }
  const same = comparable(before) === comparable(fields);
  return same
    ? { draft, errors, notices, result: 'unchanged', before }
    : { draft, errors, notices, result: 'updated', before, fields };
}

/** The file's category: ours names an existing one (slug or name); Shopify's Type is used when a category has it. */
function categoryOf(
  draft: ProductDraft,
  before: ProductDoc | null,
  context: DiffContext,
  at: (row: number, field: Field, message: string, into?: TCatalogImportMessage[]) => void,
  notices: TCatalogImportMessage[],
): ObjectId | null {
  const find = (text: string) =>
    context.categories.find((category) => category.slug === fold(text) || fold(category.name) === fold(text));
  const { category, categoryHints } = draft.product;
  if (category !== undefined) {
    if (category === '') return null;
    const found = find(category);
    if (!found) at(draft.firstRow, 'category', `"${category}" is not an existing category (slug or name)`);
    return found?._id ?? null;
  }
  if (categoryHints && categoryHints.length > 0) {
    const found = categoryHints.map(find).find((match) => match !== undefined);
    if (found) return found._id;
    const message = `no category named "${categoryHints.join('" or "')}"; the product keeps its category`;
    at(draft.firstRow, 'type', message, notices);
  }
  return before?.categoryId ?? null;
}

/** Options as stored keep their value order (and values no variant uses); values new in the file are appended. */
function mergeOptions(stored: readonly TProductOption[], fromFile: readonly TProductOption[]): TProductOption[] {
  return fromFile.map((option, index) => {
    const previous = stored[index];
    if (!previous || fold(previous.name) !== fold(option.name)) return option;
    const known = new Set(previous.values.map(fold));
    return {
      name: option.name,
      values: [...previous.values, ...option.values.filter((value) => !known.has(fold(value)))],
    };
  });
}

function matchVariants(
  draft: ProductDraft,
  before: ProductDoc | null,
  options: TProductOption[],
  id: ObjectId,
  isTakenElsewhere: (skuKey: string) => boolean,
) {
  const existing = before?.variants ?? [];
  const taken = new Set<string>();
  const spelling = (index: number, value: string) =>
    options[index]?.values.find((known) => fold(known) === fold(value)) ?? value;
  return draft.variants.map((variant): VariantDoc => {
    const key = combinationKey(variant.optionValues);
    const free = (candidate: VariantDoc) => !taken.has(candidate._id.toHexString());
    const match =
      existing.find((old) => free(old) && variant.sku !== undefined && old.skuKey === skuKeyOf(variant.sku)) ??
      existing.find((old) => free(old) && combinationKey(old.optionValues) === key);
    if (match) taken.add(match._id.toHexString());
    const sku = variant.sku ?? match?.sku ?? generatedSku(draft.handle, variant, id, isTakenElsewhere);
    return {
      _id: match?._id ?? new ObjectId(),
      ...skuFields(sku),
      barcode: variant.barcode,
      optionValues: variant.optionValues.map((value, index) => spelling(index, value)),
      price: variant.price ?? 0,
      compareAtPrice: variant.compareAtPrice,
      stock: variant.stock ?? match?.stock ?? 0,
      reserved: match?.reserved ?? 0,
      sold: match?.sold ?? 0,
      imageIds: match?.imageIds ?? [],
      active: variant.active ?? match?.active ?? true,
    };
  });
}

/**
 * A SKU for a variant the file gives none: the handle and option values, so importing again finds the same one. A
 * product sold one way takes the default SKU as the admin form does, with the first free -2, -3… when another product
 * holds it.
 */
function generatedSku(
  handle: string,
  variant: DraftVariant,
  id: ObjectId,
  isTakenElsewhere: (skuKey: string) => boolean,
): string {
  if (variant.optionValues.length === 0) {
    for (let attempt = 1; attempt < 100; attempt += 1) {
      const sku = defaultSkuOf(handle, id, attempt);
      if (!isTakenElsewhere(skuKeyOf(sku))) return sku;
    }
    return defaultSkuOf(handle, id);
  }
  const sku = [handle, ...variant.optionValues]
    .join('-')
    .toUpperCase()
    .replace(/[^A-Z0-9._/-]+/g, '-')
    .replace(/^[^A-Z0-9]+/, '');
  return sku.slice(0, 64);
}

/** What "unchanged" is decided on: the imported fields as plain values (ids as hex, variant order kept). */
function comparable(product: Pick<ProductDoc, keyof ImportedFields>): string {
  return JSON.stringify([
    product.name,
    product.description,
    product.categoryId?.toHexString() ?? null,
    product.active,
    product.featured,
    product.attributes,
    product.options,
    // Derived, but compared: a product whose flag an older version left unset is repaired by importing it again.
    product.hasOptions ?? false,
    product.variants.map((variant) => [
      variant._id.toHexString(),
      variant.sku,
      variant.barcode,
      variant.optionValues,
      variant.price,
      variant.compareAtPrice,
      variant.stock,
      variant.active,
    ]),
  ]);
}
