import { describe, expect, it } from 'vitest';
import { DEMO_CATEGORIES, demoVariants } from './demo-catalog.js';
import { summaryOf, variantProblems } from './variants.js';

const sized = DEMO_CATEGORIES.flatMap((category) => category.products).filter((product) => product[4]);

describe('demo variants', () => {
  it('when the demo catalogue is seeded, then some products come in options and every one of them passes the variant rules', () => {
    expect(sized.length).toBeGreaterThanOrEqual(3);
    for (const [name, price, stock, , options = []] of sized) {
      const input = demoVariants(name.replace(/\W+/g, '-'), price, stock, options);
      expect(variantProblems(input.options, input.variants), name).toEqual([]);
      const counts = input.variants.map((variant) => ({
        ...variant,
        compareAtPrice: variant.compareAtPrice ?? null,
        reserved: 0,
        sold: 0,
      }));
      // The product keeps the stock and "from" price the catalogue lists for it.
      expect(summaryOf(counts)).toMatchObject({ price, stock, hasOptions: true });
    }
  });

  it('when stock is spread, then every combination but the last sells and the last is sold out; XL costs more', () => {
    const input = demoVariants('tee', 2900, 10, [{ name: 'Size', values: ['S', 'M', 'XL', 'XXL'] }]);
    expect(input.variants.map((variant) => [variant.optionValues[0], variant.stock, variant.price])).toEqual([
      ['S', 4, 2900],
      ['M', 3, 2900],
      ['XL', 3, 3200],
      ['XXL', 0, 3400],
    ]);
    expect(input.variants.map((variant) => variant.sku)).toEqual(['TEE-S', 'TEE-M', 'TEE-XL', 'TEE-XXL']);
  });
});
