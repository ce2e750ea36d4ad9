import { MAX_PRODUCT_OPTIONS, MAX_PRODUCT_VARIANTS, variantTitleOf, type TProductOption } from '@mercato/shared';
import type { ObjectId } from 'mongodb';

/**
 * One sellable version of a product (a size and colour), embedded in the product document so a hold moves the
 * variant's units and the product's totals in one atomic update. A product without options has exactly one variant
 * (empty `optionValues`), so every code path is the same.
 */
export interface VariantDoc {
  _id: ObjectId;
  /** Unique across the catalogue (unique multikey index on `variants.skuKey`, plus a check within the product). */
  sku: string;
  /** `sku` folded to lower case: what uniqueness is decided on. */
  skuKey: string;
  barcode: string | null;
  /** One value per product option, in option order. */
  optionValues: string[];
  price: number;
  compareAtPrice: number | null;
  /** Same invariant as the product's totals: stock + reserved + sold only changes by admin adjustments. */
  stock: number;
  reserved: number;
  sold: number;
  /** A subset of the product's images shown for this variant; empty: the product's images. */
  imageIds: ObjectId[];
  active: boolean;
}

export interface VariantProblem {
  /** Where, as the request names it: `options.1.values.0`, `variants.3.sku`. */
  path: string;
  message: string;
}

/** The product-level figures derived from its variants: listings sort, filter and show these. */
export interface VariantSummary {
  /** The lowest price of an active variant ("from $X"), or the lowest of all when none is active. */
  price: number;
  maxPrice: number;
  compareAtPrice: number | null;
  stock: number;
  reserved: number;
  sold: number;
  /** Whether some variant has option values: what listings look up to count option facets (an equality, indexed). */
  hasOptions: boolean;
}

/** Option names and values compare without case or surrounding spaces ("Blue " is "blue"). */
export const foldOption = (text: string) => text.trim().toLowerCase();
const fold = foldOption;

/** Every combination of the options' values, in option order (Size × Colour → "S / Red", "S / Blue", …). */
export function variantMatrix(options: readonly TProductOption[]): string[][] {
  return options.reduce<string[][]>(
    (combinations, option) => combinations.flatMap((prefix) => option.values.map((value) => [...prefix, value])),
    [[]],
  );
}

/** A key for a combination, so "Blue / M" and "blue / m" are the same variant. */
export const combinationKey = (optionValues: readonly string[]) => optionValues.map(fold).join('\u0000');

/**
 * Everything wrong with a product's options and variants, each naming its place; empty when they are sound.
 * Rules: 0–3 options with distinct names, each with distinct values; 1–100 variants, each naming one existing value
 * per option, no two for the same combination, no two with the same SKU; without options, exactly one variant.
 */
export function variantProblems(
  options: readonly TProductOption[],
  variants: readonly Pick<VariantDoc, 'sku' | 'optionValues' | 'price' | 'stock'>[],
): VariantProblem[] {
  const problems: VariantProblem[] = [];
  if (options.length > MAX_PRODUCT_OPTIONS)
    problems.push({ path: 'options', message: `at most ${MAX_PRODUCT_OPTIONS} options` });
  const names = new Set<string>();
  options.forEach((option, index) => {
    if (names.has(fold(option.name)))
      problems.push({ path: `options.${index}.name`, message: `"${option.name}" is used twice` });
    names.add(fold(option.name));
    const values = new Set<string>();
    option.values.forEach((value, valueIndex) => {
      if (values.has(fold(value)))
        problems.push({ path: `options.${index}.values.${valueIndex}`, message: `"${value}" is listed twice` });
      values.add(fold(value));
    });
  });
  if (variants.length === 0) problems.push({ path: 'variants', message: 'a product needs at least one variant' });
  if (variants.length > MAX_PRODUCT_VARIANTS)
    problems.push({ path: 'variants', message: `at most ${MAX_PRODUCT_VARIANTS} variants per product` });
  if (options.length === 0 && variants.length > 1)
    problems.push({ path: 'variants', message: 'a product without options has exactly one variant' });

  const combinations = new Map<string, number>();
  const skus = new Map<string, number>();
  variants.forEach((variant, index) => {
    const at = `variants.${index}`;
    if (variant.optionValues.length !== options.length) {
      problems.push({
        path: `${at}.optionValues`,
        message: `needs ${options.length} value${options.length === 1 ? '' : 's'}, one per option`,
      });
    } else {
      variant.optionValues.forEach((value, optionIndex) => {
        const option = options[optionIndex];
        if (option && !option.values.some((known) => fold(known) === fold(value)))
          problems.push({
            path: `${at}.optionValues.${optionIndex}`,
            message: `"${value}" is not a value of ${option.name}`,
          });
      });
      const key = combinationKey(variant.optionValues);
      const first = combinations.get(key);
      if (first !== undefined)
        problems.push({
          path: `${at}.optionValues`,
          message: `${variantTitleOf(variant.optionValues)} is already variant ${first + 1}`,
        });
      else combinations.set(key, index);
    }
    const sku = fold(variant.sku);
    const firstSku = skus.get(sku);
    if (firstSku !== undefined)
      problems.push({ path: `${at}.sku`, message: `SKU ${variant.sku} is already variant ${firstSku + 1}` });
    else skus.set(sku, index);
    if (!(Number.isInteger(variant.stock) && variant.stock >= 0))
      problems.push({ path: `${at}.stock`, message: 'must be a whole number, not negative' });
    if (!(Number.isInteger(variant.price) && variant.price >= 0))
      problems.push({ path: `${at}.price`, message: 'must be a whole number of minor units, not negative' });
  });
  return problems;
}

/** The product-level price range, stock totals and option flag its variants add up to. */
export function summaryOf(
  variants: readonly Pick<
    VariantDoc,
    'price' | 'compareAtPrice' | 'stock' | 'reserved' | 'sold' | 'active' | 'optionValues'
  >[],
): VariantSummary {
  const priced = variants.some((variant) => variant.active) ? variants.filter((variant) => variant.active) : variants;
  const prices = priced.map((variant) => variant.price);
  const cheapest = priced.find((variant) => variant.price === Math.min(...prices));
  const sum = (pick: (variant: (typeof variants)[number]) => number) =>
    variants.reduce((total, variant) => total + pick(variant), 0);
  return {
    price: prices.length > 0 ? Math.min(...prices) : 0,
    maxPrice: prices.length > 0 ? Math.max(...prices) : 0,
    compareAtPrice: cheapest?.compareAtPrice ?? null,
    stock: sum((variant) => variant.stock),
    reserved: sum((variant) => variant.reserved),
    sold: sum((variant) => variant.sold),
    hasOptions: variants.some((variant) => variant.optionValues.length > 0),
  };
}

/**
 * Units a shopper can buy: the stock of the active variants. The product's own `stock` adds up every variant, because
 * holds move it with the variant's in one `$inc` (its stock + reserved + sold stays constant whatever staff switch
 * on or off); listings, the inStock filter and search say "sold out" from this instead, so units of a variant taken
 * off sale do not make the product look buyable.
 */
export function onSaleStockOf(variants: readonly Pick<VariantDoc, 'stock' | 'active'>[]): number {
  return variants.reduce((total, variant) => total + (variant.active ? variant.stock : 0), 0);
}

/** A product some active variant of which has stock (the query side of `onSaleStockOf(…) > 0`). */
export const IN_STOCK_FILTER = { variants: { $elemMatch: { active: true, stock: { $gt: 0 } } } } as const;

/** A variant's SKU with the key its unique index compares (SKUs are unique without regard to case). */
export const skuFields = (sku: string) => ({ sku, skuKey: skuKeyOf(sku) });
export const skuKeyOf = (sku: string) => sku.toLowerCase();

/**
 * The SKU a product gets when nobody gave one: its slug (already SKU-shaped), within 64 characters. The slug is
 * unique among slugs, not among SKUs (a cap's variant may be CAP-L when a product "Cap L" is created), so the
 * `attempt`-th candidate ends in -2, -3… as derived slugs do.
 */
export function defaultSkuOf(slug: string, id: ObjectId, attempt = 1): string {
  const suffix = attempt === 1 ? '' : `-${attempt}`;
  const sku = slug.toUpperCase();
  if (sku.length + suffix.length <= 64) return `${sku}${suffix}`;
  return `${sku.slice(0, 55 - suffix.length)}-${id.toHexString().slice(-8).toUpperCase()}${suffix}`;
}

/**
 * The one variant of a product sold one way, carrying the product's price and stock. It is on sale: whether the
 * product is (a draft, say) is the product's own `active`, never its variant's.
 */
export function defaultVariant(
  fields: { price: number; compareAtPrice: number | null; stock: number; sku: string },
  id: ObjectId,
): VariantDoc {
  return {
    _id: id,
    ...skuFields(fields.sku),
    barcode: null,
    optionValues: [],
    price: fields.price,
    compareAtPrice: fields.compareAtPrice,
    stock: fields.stock,
    reserved: 0,
    sold: 0,
    imageIds: [],
    active: true,
  };
}

/**
 * The variant a cart item or order line holds. Items and lines stored before variants existed name none: they hold
 * their product's default variant, whose id the variants migration made the product's own id.
 */
export const variantIdOf = (line: { productId: ObjectId; variantId?: ObjectId | null | undefined }): ObjectId =>
  line.variantId ?? line.productId;

/** The variant with these option values (compared without case), if any. */
export function findVariant<V extends Pick<VariantDoc, 'optionValues'>>(
  variants: readonly V[],
  optionValues: readonly string[],
): V | undefined {
  const key = combinationKey(optionValues);
  return variants.find((variant) => combinationKey(variant.optionValues) === key);
}
