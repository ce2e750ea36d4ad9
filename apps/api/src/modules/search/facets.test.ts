import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { applyFacets, type Faceted } from './facets.js';

const kitchen = new ObjectId();
const audio = new ObjectId();
const items: (Faceted & { name: string })[] = [
  { name: 'pan', categoryId: kitchen.toHexString(), price: 1_500, inStock: true },
  { name: 'pot', categoryId: kitchen.toHexString(), price: 4_000, inStock: false },
  { name: 'speaker', categoryId: audio.toHexString(), price: 30_000, inStock: true },
  { name: 'cable', categoryId: audio.toHexString(), price: 1_000, inStock: false },
  { name: 'gift card', categoryId: null, price: 2_000, inStock: true },
];

describe('disjunctive facets', () => {
  it('when nothing is chosen, then everything is kept and counted', () => {
    const { kept, facets } = applyFacets(items, {});
    expect(kept).toHaveLength(5);
    expect(Object.fromEntries(facets.category)).toEqual({ [kitchen.toHexString()]: 2, [audio.toHexString()]: 2 });
    expect(Object.fromEntries(facets.price)).toEqual({ '0-2500': 3, '2500-5000': 1, '25000-': 1 });
    expect(facets.inStock).toBe(3);
  });

  it('when a category is chosen, then the other categories keep their counts while other facets narrow', () => {
    const { kept, facets } = applyFacets(items, { categoryIds: [kitchen] });
    expect(kept.map((item) => item.name)).toEqual(['pan', 'pot']);
    expect(Object.fromEntries(facets.category)).toEqual({ [kitchen.toHexString()]: 2, [audio.toHexString()]: 2 });
    expect(Object.fromEntries(facets.price)).toEqual({ '0-2500': 1, '2500-5000': 1 });
    expect(facets.inStock).toBe(1);
  });

  it('when two facets are chosen, then each facet is counted with the other applied and itself ignored', () => {
    const { kept, facets } = applyFacets(items, { categoryIds: [audio], inStock: true });
    expect(kept.map((item) => item.name)).toEqual(['speaker']);
    // Categories among in-stock items; in stock among audio items.
    expect(Object.fromEntries(facets.category)).toEqual({ [kitchen.toHexString()]: 1, [audio.toHexString()]: 1 });
    expect(facets.inStock).toBe(1);
    expect(Object.fromEntries(facets.price)).toEqual({ '25000-': 1 });
  });

  it('when several values of one facet are chosen, then they are alternatives', () => {
    const { kept } = applyFacets(items, {
      priceRanges: [
        { min: 0, max: 2_500 },
        { min: 25_000, max: null },
      ],
    });
    expect(kept.map((item) => item.name)).toEqual(['pan', 'speaker', 'cable', 'gift card']);
  });

  it('when the chosen categories are all unknown (an empty list), then nothing is kept', () => {
    expect(applyFacets(items, { categoryIds: [] }).kept).toEqual([]);
  });
});

describe('option facets', () => {
  const SIZE_COLOUR = [
    { name: 'Size', values: ['S', 'M'] },
    { name: 'Colour', values: ['Blue', 'Red'] },
  ];
  const tees: (Faceted & { name: string })[] = [
    // M only in Blue; S in Red.
    {
      ...base('tee a'),
      options: SIZE_COLOUR,
      variantValues: [
        ['M', 'Blue'],
        ['S', 'Red'],
      ],
    },
    // M in Red; Colour listed first on this one.
    {
      ...base('tee b'),
      options: [
        { name: 'colour', values: ['Red'] },
        { name: 'size', values: ['M'] },
      ],
      variantValues: [['Red', 'M']],
    },
    { ...base('mug'), options: [], variantValues: [[]] },
  ];
  function base(name: string): Faceted & { name: string } {
    return { name, categoryId: null, price: 1_000, inStock: true };
  }
  const counts = (facets: ReturnType<typeof applyFacets>['facets']) =>
    Object.fromEntries(
      facets.options.map((option) => [
        option.name,
        Object.fromEntries(option.values.map((value) => [value.value, value.count])),
      ]),
    );

  it('when nothing is chosen, then each value counts the products that sell it, names matched without case', () => {
    const { kept, facets } = applyFacets(tees, {});
    expect(kept).toHaveLength(3);
    expect(counts(facets)).toEqual({ Size: { M: 2, S: 1 }, Colour: { Blue: 1, Red: 2 } });
  });

  it('when Size M and Colour Red are chosen, then only a product with an M / Red variant is kept, and each option counts with the other applied', () => {
    const { kept, facets } = applyFacets(tees, {
      options: [
        { name: 'Size', values: ['M'] },
        { name: 'colour', values: ['red'] },
      ],
    });
    expect(kept.map((item) => item.name)).toEqual(['tee b']);
    // Size counted with Red applied: tee a sells S in Red, tee b M in Red.
    // Colour counted with M applied: tee a sells M in Blue, tee b M in Red.
    expect(counts(facets)).toEqual({ Size: { S: 1, M: 1 }, Colour: { Blue: 1, Red: 1 } });
  });
});
