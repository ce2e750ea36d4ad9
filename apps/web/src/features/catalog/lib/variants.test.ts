import type { TProduct, TProductVariant } from '@mercato/shared';
import { describe, expect, it } from 'vitest';
import { valueState } from './variant-options.js';
import { imagesFor, pickVariant } from './variants.js';

const ID = (n: number) => n.toString(16).padStart(24, '0');

function variant(n: number, optionValues: string[], stock = 5, isAvailable = true): TProductVariant {
  const title = optionValues.join(' / ');
  return {
    id: ID(n),
    title,
    optionValues,
    sku: `SKU-${n}`,
    price: 1000 + n,
    compareAtPrice: null,
    stock,
    imageIds: [],
    isAvailable,
  };
}

// Blue/S, Blue/M (sold out), Red/L only: Red/S and Red/M and Blue/L do not exist.
const product = {
  options: [
    { name: 'Colour', values: ['Blue', 'Red'] },
    { name: 'Size', values: ['S', 'M', 'L'] },
  ],
  variants: [variant(1, ['Blue', 'S'], 0), variant(2, ['Blue', 'M']), variant(3, ['Red', 'L'], 5, false)],
} as unknown as TProduct;
const [blueS, blueM, redL] = product.variants as [TProductVariant, TProductVariant, TProductVariant];

describe('pickVariant', () => {
  it('when the URL names a variant, then it is chosen; otherwise the first buyable one, then the first', () => {
    expect(pickVariant(product.variants, ID(3))).toBe(redL);
    expect(pickVariant(product.variants, null)).toBe(blueM);
    expect(pickVariant(product.variants, 'nonsense')).toBe(blueM);
    expect(pickVariant([blueS], null)).toBe(blueS);
  });
});

describe('valueState', () => {
  it('when the combination exists, then it is available or sold out (inactive counts as sold out)', () => {
    expect(valueState(product, blueM, 1, 'S')).toEqual({ variant: blueS, status: 'sold out' });
    expect(valueState(product, blueS, 1, 'M')).toEqual({ variant: blueM, status: 'available' });
  });

  it('when the combination does not exist, then it is unavailable and leads to the closest variant with the value', () => {
    expect(valueState(product, blueM, 1, 'L')).toEqual({ variant: redL, status: 'unavailable' });
    expect(valueState(product, blueM, 0, 'Red')).toEqual({ variant: redL, status: 'unavailable' });
  });

  it('when no variant holds the value, then it is null', () => {
    expect(valueState(product, blueM, 1, 'XL')).toBeNull();
  });
});

describe('imagesFor', () => {
  it("when a variant names images, then they come first in the variant's order, the others after", () => {
    const images = ['a', 'b', 'c'].map((id) => ({ id }) as TProduct['images'][number]);
    expect(imagesFor(images, ['c', 'b']).map((image) => image.id)).toEqual(['c', 'b', 'a']);
    expect(imagesFor(images, []).map((image) => image.id)).toEqual(['a', 'b', 'c']);
  });
});
