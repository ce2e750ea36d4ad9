import { describe, expect, it } from 'vitest';
import { errorsByCell, generateRows, toVariantsInput, type VariantRow } from './variant-table.js';

const saved: VariantRow = {
  id: 'a'.repeat(24),
  optionValues: ['S', 'Blue'],
  sku: 'TEE-S-BLUE',
  price: '25.00',
  compareAtPrice: null,
  barcode: null,
  stock: '7',
  imageIds: [],
  active: true,
};

describe('variant table', () => {
  it('when variants are generated, then every combination is a row and an existing one keeps its id, SKU and stock', () => {
    const rows = generateRows(
      [
        { name: 'Size', values: 'S, M' },
        { name: 'Colour', values: 'Blue, Red Wine' },
      ],
      [saved],
      { sku: 'TEE', price: '20.00' },
    );

    expect(rows.map((row) => row.optionValues.join('/'))).toEqual(['S/Blue', 'S/Red Wine', 'M/Blue', 'M/Red Wine']);
    expect(rows[0]).toEqual(saved);
    expect(rows[3]).toMatchObject({ sku: 'TEE-M-REDWINE', price: '20.00', stock: '0', active: true });
    expect(rows[3]?.id).toBeUndefined();
  });

  it('when rows are saved, then amounts are minor units and what does not parse is sent for the API to name', () => {
    const input = toVariantsInput([{ name: 'Size', values: 'S' }], [{ ...saved, price: 'abc', stock: '3' }], 2);

    expect(input.options).toEqual([{ name: 'Size', values: ['S'] }]);
    expect(input.variants[0]).toMatchObject({ id: saved.id, price: -1, stock: 3 });
    expect(toVariantsInput([], [saved], 2).variants[0]).toMatchObject({ price: 2500, stock: 7 });
  });

  it('when the API names cells, then each error goes to its row and field, the rest to the form', () => {
    const cells = errorsByCell([
      { path: 'body.variants.3.sku', message: 'is already used' },
      { path: 'body.variants.0.optionValues.0', message: 'is not a value' },
      { path: 'body.variants', message: 'at most 100' },
    ]);

    expect(cells).toEqual(
      new Map([
        ['3.sku', 'is already used'],
        ['0.optionValues', 'is not a value'],
        ['form', 'at most 100'],
      ]),
    );
  });
});
