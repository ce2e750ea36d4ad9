import type { TProduct, TProductVariant } from '@mercato/shared';
import { isBuyable } from './variants.js';

/** How a value of one option stands, the other options staying as chosen. */
export type TValueState = { variant: TProductVariant; status: 'available' | 'sold out' | 'unavailable' } | null;

/**
 * The variant a shopper gets by choosing `value` for option `index`: the one with the other values kept when it
 * exists ("sold out" when it cannot be bought), else the closest one holding the value ("unavailable": choosing it
 * changes the other options), else null (no variant has the value).
 */
export function valueState(product: TProduct, current: TProductVariant, index: number, value: string): TValueState {
  const wanted = current.optionValues.map((chosen, i) => (i === index ? value : chosen));
  const exact = product.variants.find((variant) => variant.optionValues.every((v, i) => v === wanted[i]));
  if (exact) return { variant: exact, status: isBuyable(exact) ? 'available' : 'sold out' };
  const score = (variant: TProductVariant) =>
    variant.optionValues.filter((v, i) => v === wanted[i]).length + (isBuyable(variant) ? 0.5 : 0);
  const closest = product.variants
    .filter((variant) => variant.optionValues[index] === value)
    .sort((a, b) => score(b) - score(a))[0];
  return closest ? { variant: closest, status: 'unavailable' } : null;
}
