import { describe, expect, it } from 'vitest';
import { findVariant, summaryOf, variantMatrix, variantProblems } from './variants.js';

const SIZE = { name: 'Size', values: ['S', 'M', 'L'] };
const COLOUR = { name: 'Colour', values: ['Blue', 'Red'] };
const variant = (sku: string, optionValues: string[], price = 1000, stock = 5) => ({ sku, optionValues, price, stock });

describe('variant rules', () => {
  it('when options are given, then the matrix holds every combination in option order', () => {
    expect(variantMatrix([SIZE, COLOUR])).toEqual([
      ['S', 'Blue'],
      ['S', 'Red'],
      ['M', 'Blue'],
      ['M', 'Red'],
      ['L', 'Blue'],
      ['L', 'Red'],
    ]);
    expect(variantMatrix([])).toEqual([[]]);
  });

  it('when a product has options and a variant per combination in use, then nothing is wrong', () => {
    expect(variantProblems([SIZE, COLOUR], [variant('T-S-B', ['S', 'Blue']), variant('T-M-R', ['m', 'red'])])).toEqual(
      [],
    );
    expect(variantProblems([], [variant('MUG', [])])).toEqual([]);
  });

  it('when two variants share a SKU (in any case) or a combination, then each duplicate is named', () => {
    const problems = variantProblems(
      [SIZE],
      [variant('TEE-1', ['S']), variant('tee-1', ['M']), variant('TEE-3', ['s'])],
    );
    expect(problems).toEqual([
      { path: 'variants.1.sku', message: 'SKU tee-1 is already variant 1' },
      { path: 'variants.2.optionValues', message: 's is already variant 1' },
    ]);
  });

  it('when a variant names a value the option does not have, or the wrong number of values, then it is refused', () => {
    expect(variantProblems([SIZE, COLOUR], [variant('A', ['XL', 'Blue']), variant('B', ['S'])])).toEqual([
      { path: 'variants.0.optionValues.0', message: '"XL" is not a value of Size' },
      { path: 'variants.1.optionValues', message: 'needs 2 values, one per option' },
    ]);
  });

  it('when there are 101 variants, four options, repeated names or values, or none at all, then each is refused', () => {
    const many = Array.from({ length: 101 }, (_, index) => variant(`V${index}`, [`v${index}`]));
    const manyValues = { name: 'Number', values: many.map((entry) => entry.optionValues[0] ?? '') };
    expect(variantProblems([manyValues], many)).toContainEqual({
      path: 'variants',
      message: 'at most 100 variants per product',
    });
    const four = [SIZE, COLOUR, { name: 'Fit', values: ['Slim'] }, { name: 'Sleeve', values: ['Long'] }];
    expect(variantProblems(four, [variant('A', ['S', 'Blue', 'Slim', 'Long'])])).toContainEqual({
      path: 'options',
      message: 'at most 3 options',
    });
    expect(variantProblems([SIZE, { name: 'size', values: ['S', 's'] }], [variant('A', ['S', 'S'])])).toEqual([
      { path: 'options.1.name', message: '"size" is used twice' },
      { path: 'options.1.values.1', message: '"s" is listed twice' },
    ]);
    expect(variantProblems([], [])).toEqual([{ path: 'variants', message: 'a product needs at least one variant' }]);
    expect(variantProblems([], [variant('A', []), variant('B', [])])).toContainEqual({
      path: 'variants',
      message: 'a product without options has exactly one variant',
    });
  });

  it('when stock is negative or a price is not whole, then the field is named', () => {
    expect(variantProblems([], [{ sku: 'A', optionValues: [], price: 10.5, stock: -1 }])).toEqual([
      { path: 'variants.0.stock', message: 'must be a whole number, not negative' },
      { path: 'variants.0.price', message: 'must be a whole number of minor units, not negative' },
    ]);
  });

  it('when variants are summed up, then the price range covers active ones and the totals cover all', () => {
    const summary = summaryOf([
      { price: 2500, compareAtPrice: 3000, stock: 2, reserved: 1, sold: 4, active: true, optionValues: ['S'] },
      { price: 1900, compareAtPrice: null, stock: 0, reserved: 0, sold: 7, active: true, optionValues: ['M'] },
      { price: 900, compareAtPrice: null, stock: 5, reserved: 0, sold: 0, active: false, optionValues: ['L'] },
    ]);
    expect(summary).toEqual({
      price: 1900,
      maxPrice: 2500,
      compareAtPrice: null,
      stock: 7,
      reserved: 1,
      sold: 11,
      hasOptions: true,
    });
    const plain = { price: 900, compareAtPrice: null, stock: 1, reserved: 0, sold: 0, active: true, optionValues: [] };
    expect(summaryOf([plain]).hasOptions).toBe(false);
  });

  it('when a variant is looked up by its option values, then case does not matter', () => {
    const variants = [{ optionValues: ['S', 'Blue'] }, { optionValues: ['M', 'Blue'] }];
    expect(findVariant(variants, ['m', 'BLUE'])).toBe(variants[1]);
    expect(findVariant(variants, ['L', 'Blue'])).toBeUndefined();
  });
});
