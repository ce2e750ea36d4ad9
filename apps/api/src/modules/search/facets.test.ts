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
