import { z } from 'zod';

/** A product has at most this many options (Size, Colour, Material) … */
export const MAX_PRODUCT_OPTIONS = 3;
/** … and at most this many variants, one per combination of option values in use. */
export const MAX_PRODUCT_VARIANTS = 100;
/** Values one option may list. */
export const MAX_OPTION_VALUES = 100;

export const ZOptionNameSchema = z.string().trim().min(1, 'is required').max(40);
export const ZOptionValueSchema = z.string().trim().min(1, 'is required').max(60);
/** Stock-keeping unit: letters, digits and `-_./`, unique across the catalogue (compared without case). */
export const ZSkuSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'may hold letters, digits and - _ . / only');

export const ZProductOptionSchema = z.strictObject({
  name: ZOptionNameSchema,
  values: z.array(ZOptionValueSchema).min(1, 'needs at least one value').max(MAX_OPTION_VALUES),
});
export type TProductOption = z.infer<typeof ZProductOptionSchema>;

/** The title shoppers and staff see for a variant: its option values in option order ("Blue / M"). */
export function variantTitleOf(optionValues: readonly string[]): string {
  return optionValues.length === 0 ? 'Default' : optionValues.join(' / ');
}
