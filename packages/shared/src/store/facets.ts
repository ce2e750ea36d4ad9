import { z } from 'zod';

/** A yes/no query parameter (`inStock=1`). */
export const ZQueryBooleanSchema = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

/** A comma-separated list in one query parameter (`category=kitchen,audio`): several values of one facet. */
export function commaList<T extends z.ZodType<unknown, string>>(item: T, max: number) {
  return z
    .string()
    .max(2_000)
    .transform((text) => [...new Set(text.split(',').filter(Boolean))])
    .pipe(z.array(item).max(max));
}

/** One chosen option value in a query, `Name:Value` (neither may hold a comma; the name no colon). */
export const ZOptionChoiceSchema = z
  .string()
  .regex(/^[^:,]{1,40}:[^,]{1,60}$/, 'must be Name:Value')
  // Both are trimmed: each must hold more than spaces.
  .refine((choice) => /^[^:]*\S[^:]*:.*\S/.test(choice), 'must be Name:Value')
  .transform((choice) => {
    const at = choice.indexOf(':');
    return { name: choice.slice(0, at).trim(), value: choice.slice(at + 1).trim() };
  });
export type TOptionChoice = z.infer<typeof ZOptionChoiceSchema>;

/** Option values as a query takes them (`option=Size:M,Size:L,Colour:Blue`); values of one option are alternatives. */
export const ZOptionChoicesSchema = commaList(ZOptionChoiceSchema, 30);

export const ZFacetValueSchema = z.object({ value: z.string(), label: z.string(), count: z.number().int() });
export type TFacetValue = z.infer<typeof ZFacetValueSchema>;

/** Per option (Size, Colour): products having each value on sale, with every other choice applied. */
export const ZOptionFacetsSchema = z.array(z.object({ name: z.string(), values: z.array(ZFacetValueSchema) }));
export type TOptionFacets = z.infer<typeof ZOptionFacetsSchema>;
