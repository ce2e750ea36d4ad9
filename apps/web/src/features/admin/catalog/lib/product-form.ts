import { ZSlugSchema, type TAdminProduct, type TProductInput, type TProductPatch } from '@mercato/shared';
import { z } from 'zod';
import {
  describeMoneyInputError,
  formatMoneyInput,
  formatOptionalMoneyInput,
  parseMoneyInput,
} from '../../../../lib/money-input.js';

/** An image in the form: what the API needs (id, alt) plus what the preview needs. */
export interface FormImage {
  imageId: string;
  alt: string;
  src: string;
  srcset: string;
  width: number;
  height: number;
}

/** The product form as typed: prices and stock are the strings in the inputs, converted only on submit. */
export interface ProductFormValues {
  name: string;
  slug: string;
  description: string;
  price: string;
  compareAtPrice: string;
  categoryId: string;
  stock: string;
  active: boolean;
  featured: boolean;
  images: FormImage[];
  attributes: { key: string; value: string }[];
}

export const EMPTY_PRODUCT_FORM: ProductFormValues = {
  name: '',
  slug: '',
  description: '',
  price: '',
  compareAtPrice: '',
  categoryId: '',
  stock: '0',
  active: true,
  featured: false,
  images: [],
  attributes: [],
};

const STOCK = /^\d{1,7}$/;
const MAX_STOCK = 1_000_000;

function moneyField(digits: number, { isOptional }: { isOptional: boolean }) {
  return z.string().superRefine((text, ctx) => {
    if (isOptional && text.trim() === '') return;
    const result = parseMoneyInput(text, digits);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: describeMoneyInputError(result.reason, digits) });
  });
}

/** Client-side rules, matching the API's (packages/shared admin/catalog.ts) with messages a person can act on. */
export function createProductFormSchema(digits: number) {
  return z
    .object({
      name: z
        .string()
        .refine((text) => text.trim() !== '', 'Enter a name')
        .refine((text) => text.trim().length <= 200, 'Keep the name under 200 characters'),
      slug: z
        .string()
        .refine(
          (text) => text.trim() === '' || ZSlugSchema.safeParse(text.trim()).success,
          'Use lowercase letters, digits and single dashes, like red-mug',
        ),
      description: z.string().max(10_000, 'Keep the description under 10,000 characters'),
      price: moneyField(digits, { isOptional: false }),
      compareAtPrice: moneyField(digits, { isOptional: true }),
      categoryId: z.string(),
      stock: z
        .string()
        .refine(
          (text) => STOCK.test(text.trim()) && Number(text.trim()) <= MAX_STOCK,
          'Enter a whole number from 0 to 1,000,000',
        ),
      active: z.boolean(),
      featured: z.boolean(),
      images: z
        .array(
          z.object({
            imageId: z.string(),
            alt: z.string().max(200, 'Keep the alt text under 200 characters'),
            src: z.string(),
            srcset: z.string(),
            width: z.number(),
            height: z.number(),
          }),
        )
        .max(12, 'A product can have at most 12 images'),
      attributes: z
        .array(
          z.object({
            key: z
              .string()
              .refine((text) => text.trim() !== '', 'Enter a name')
              .refine((text) => text.trim().length <= 60, 'Keep it under 60 characters'),
            value: z.string().max(300, 'Keep it under 300 characters'),
          }),
        )
        .max(30, 'A product can have at most 30 details'),
    })
    .superRefine((values, ctx) => {
      const price = parseMoneyInput(values.price, digits);
      const compareAt = parseMoneyInput(values.compareAtPrice, digits);
      if (price.ok && compareAt.ok && compareAt.amountMinor <= price.amountMinor) {
        ctx.addIssue({
          code: 'custom',
          path: ['compareAtPrice'],
          message: 'The compare-at price must be higher than the price (or leave it empty)',
        });
      }
    });
}

function toMinor(text: string, digits: number): number {
  const result = parseMoneyInput(text, digits);
  if (!result.ok) throw new RangeError(`not a valid amount: ${text}`);
  return result.amountMinor;
}

/** Validated form values → the API's ProductInput (minor units, nulls for empty optionals, ordered images). */
export function toProductInput(values: ProductFormValues, digits: number): TProductInput {
  const input: TProductInput = {
    name: values.name.trim(),
    description: values.description.trim(),
    price: toMinor(values.price, digits),
    compareAtPrice: values.compareAtPrice.trim() === '' ? null : toMinor(values.compareAtPrice, digits),
    categoryId: values.categoryId || null,
    stock: Number(values.stock.trim()),
    active: values.active,
    featured: values.featured,
    images: values.images.map((image) => ({ imageId: image.imageId, alt: image.alt.trim() })),
    attributes: values.attributes.map((attribute) => ({ key: attribute.key.trim(), value: attribute.value.trim() })),
  };
  // No slug: the API derives one from the name on create, and keeps the current one on update.
  if (values.slug.trim() !== '') input.slug = values.slug.trim();
  return input;
}

/**
 * The form as an update of the product it was opened with (`loaded`). A product with options has its price,
 * compare-at and stock per variant (the API refuses them on the product), so the form leaves them out.
 *
 * Stock is sent only when the admin changed it: checkouts hold and put back units while the form is open, and sending
 * the loaded count back would undo their moves (a unit held meanwhile would reappear on the shelf). A changed stock
 * carries the count it replaces, so the API refuses it (409 on the field) if the shelf moved meanwhile.
 */
export function toProductPatch(
  values: ProductFormValues,
  loaded: ProductFormValues,
  digits: number,
  pricedPerVariant: boolean,
): TProductPatch {
  const { price, compareAtPrice, stock, ...rest } = toProductInput(values, digits);
  if (pricedPerVariant) return rest;
  const expectedStock = Number(loaded.stock.trim());
  return stock === expectedStock
    ? { ...rest, price, compareAtPrice }
    : { ...rest, price, compareAtPrice, stock, expectedStock };
}

/** A stored product → the form's initial values (prices back to decimal strings in major units). */
export function toProductFormValues(product: TAdminProduct, digits: number): ProductFormValues {
  return {
    name: product.name,
    slug: product.slug,
    description: product.description,
    price: formatMoneyInput(product.price, digits),
    compareAtPrice: formatOptionalMoneyInput(product.compareAtPrice, digits),
    categoryId: product.categoryId ?? '',
    stock: String(product.stock),
    active: product.active,
    featured: product.featured,
    images: product.images.map(({ id, alt, src, srcset, width, height }) => ({
      imageId: id,
      alt,
      src,
      srcset,
      width,
      height,
    })),
    attributes: product.attributes.map(({ key, value }) => ({ key, value })),
  };
}
