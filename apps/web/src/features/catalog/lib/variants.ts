import type { TImage, TProductVariant } from '@mercato/shared';

// In the first load: what the product page needs before the (lazily loaded) pickers. variant-options.ts has the rest.

/** Whether a variant can be bought now (active and with units left). */
export const isBuyable = (variant: TProductVariant) => variant.isAvailable && variant.stock > 0;

/** The variant named by `?variant=`, else the first one that can be bought, else the first (a product has ≥ 1). */
export function pickVariant(variants: readonly TProductVariant[], id: string | null): TProductVariant | undefined {
  return variants.find((variant) => variant.id === id) ?? variants.find(isBuyable) ?? variants[0];
}

/** The product's images with the variant's own images first (in their order), the rest after. */
export function imagesFor(images: readonly TImage[], imageIds: readonly string[]): TImage[] {
  const own = imageIds.flatMap((id) => images.filter((image) => image.id === id));
  return [...own, ...images.filter((image) => !own.includes(image))];
}
