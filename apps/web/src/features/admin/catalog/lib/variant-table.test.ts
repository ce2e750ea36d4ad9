import type { TAdminProduct } from '@mercato/shared';
import { describe, expect, it } from 'vitest';
import {
  errorsByCell,
  findRowProblems,
  generateRows,
  generationBase,
  toDrafts,
  toggleImageId,
  toVariantsInput,
  type VariantRow,
} from './variant-table.js';

const FRONT = 'f'.repeat(24);
const BACK = 'b'.repeat(24);
const GONE = 'c'.repeat(24);

const saved: VariantRow = {
  id: 'a'.repeat(24),
  optionValues: ['S', 'Blue'],
  sku: 'TEE-S-BLUE',
  barcode: '4006381333931',
  price: '25.00',
  compareAtPrice: '30.00',
  stock: '7',
  imageIds: [BACK],
  active: true,
};

const image = (id: string, alt: string) => ({ id, alt, src: `/media/${id}.webp`, srcset: '', width: 800, height: 600 });

/** A saved product with one variant that has every field set, as `GET /api/admin/products/:id` returns it. */
function productWith(variant: Partial<TAdminProduct['variants'][number]>): TAdminProduct {
  return {
    id: 'd'.repeat(24),
    slug: 'tee',
    name: 'Tee',
    price: 2500,
    maxPrice: 2500,
    compareAtPrice: 3000,
    currency: 'USD',
    image: null,
    category: null,
    inStock: true,
    stockLevel: 'in_stock',
    featured: false,
    createdAt: '2024-01-01T00:00:00.000Z',
    stock: 7,
    description: '',
    images: [image(FRONT, 'Front'), image(BACK, 'Back')],
    attributes: [],
    options: [{ name: 'Size', values: ['S'] }],
    variants: [
      {
        id: 'a'.repeat(24),
        title: 'S',
        optionValues: ['S'],
        sku: 'TEE-S',
        barcode: '4006381333931',
        price: 2500,
        compareAtPrice: 3000,
        stock: 7,
        imageIds: [BACK],
        isAvailable: true,
        reserved: 0,
        sold: 0,
        ...variant,
      },
    ],
    updatedAt: '2024-01-01T00:00:00.000Z',
    active: true,
    archived: false,
    reserved: 0,
    sold: 0,
    categoryId: null,
  };
}

describe('variant table', () => {
  it('when variants are generated, then every combination is a row and an existing one keeps all it has', () => {
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
    expect(rows[3]).toEqual({
      optionValues: ['M', 'Red Wine'],
      sku: 'TEE-M-REDWINE',
      barcode: '',
      price: '20.00',
      compareAtPrice: '',
      stock: '0',
      imageIds: [],
      active: true,
    });
  });

  it('when the matrix is generated for a product with a compare-at price, then new rows inherit it and saved rows keep their own', () => {
    const product = productWith({});
    const sold = { ...saved, optionValues: ['S'], compareAtPrice: '28.00' };

    const rows = generateRows([{ name: 'Size', values: 'S, M' }], [sold], generationBase(product, [sold], 2));

    expect(rows.map((row) => [row.sku, row.price, row.compareAtPrice])).toEqual([
      ['TEE-S-BLUE', '25.00', '28.00'],
      ['TEE-M', '25.00', '30.00'],
    ]);
    expect(toVariantsInput([{ name: 'Size', values: 'S, M' }], rows, 2).variants[1]?.compareAtPrice).toBe(3000);
    expect(generationBase({ ...product, compareAtPrice: null }, [sold], 2).compareAtPrice).toBe('');
  });

  it('when a saved product is loaded and saved untouched, then barcode, compare-at price and images come back as they were', () => {
    const product = productWith({});
    const { options, rows } = toDrafts(product, 2);

    expect(rows[0]).toMatchObject({ barcode: '4006381333931', compareAtPrice: '30.00', imageIds: [BACK] });
    expect(toVariantsInput(options, rows, 2)).toEqual({
      options: [{ name: 'Size', values: ['S'] }],
      variants: [
        {
          id: 'a'.repeat(24),
          sku: 'TEE-S',
          barcode: '4006381333931',
          optionValues: ['S'],
          price: 2500,
          compareAtPrice: 3000,
          stock: 7,
          imageIds: [BACK],
          active: true,
        },
      ],
    });
  });

  it('when a variant has no barcode or compare-at price, then the cells are empty and the saved values are null', () => {
    const { options, rows } = toDrafts(productWith({ barcode: null, compareAtPrice: null }), 2);

    expect(rows[0]).toMatchObject({ barcode: '', compareAtPrice: '' });
    expect(toVariantsInput(options, rows, 2).variants[0]).toMatchObject({ barcode: null, compareAtPrice: null });
    const cleared = toVariantsInput([], [{ ...saved, barcode: '  ', compareAtPrice: ' ' }], 2).variants[0];
    expect(cleared).toMatchObject({ barcode: null, compareAtPrice: null });
  });

  it('when a variant names an image the product no longer has, then the table drops it (the API would refuse it)', () => {
    const { rows } = toDrafts(productWith({ imageIds: [GONE, FRONT] }), 2);

    expect(rows[0]?.imageIds).toEqual([FRONT]);
  });

  it('when images are ticked and unticked, then a new one goes last and the others keep their order', () => {
    expect(toggleImageId([BACK], FRONT, true)).toEqual([BACK, FRONT]);
    expect(toggleImageId([BACK, FRONT], BACK, false)).toEqual([FRONT]);
    expect(toggleImageId([FRONT], FRONT, true)).toEqual([FRONT]);
  });

  it('when rows are saved, then amounts are minor units and what does not parse is sent for the API to name', () => {
    const input = toVariantsInput(
      [{ name: 'Size', values: 'S' }],
      [{ ...saved, price: 'abc', compareAtPrice: '1.234', stock: '3' }],
      2,
    );

    expect(input.options).toEqual([{ name: 'Size', values: ['S'] }]);
    expect(input.variants[0]).toMatchObject({ id: saved.id, price: -1, compareAtPrice: -1, stock: 3 });
    expect(toVariantsInput([], [saved], 2).variants[0]).toMatchObject({
      price: 2500,
      compareAtPrice: 3000,
      barcode: '4006381333931',
      imageIds: [BACK],
      stock: 7,
    });
  });

  it('when amounts or stock do not parse, then each is reported at its cell before saving; an empty compare-at is fine', () => {
    const rows = [
      { ...saved, price: '', compareAtPrice: '' },
      { ...saved, price: '10', compareAtPrice: '12,345', stock: 'many' },
      { ...saved, compareAtPrice: 'ten' },
    ];

    expect(findRowProblems(rows, 2)).toEqual(
      new Map([
        ['0.price', 'Enter a price'],
        ['1.compareAtPrice', 'Use at most 2 decimals'],
        ['1.stock', 'Enter a whole number, like 5'],
        ['2.compareAtPrice', 'Enter a number, like 12.30'],
      ]),
    );
    expect(findRowProblems([saved], 2).size).toBe(0);
  });

  it('when the API names cells, then each error goes to its row and field, the rest to the form', () => {
    const cells = errorsByCell([
      { path: 'body.variants.3.sku', message: 'is already used' },
      { path: 'body.variants.0.optionValues.0', message: 'is not a value' },
      { path: 'body.variants.1.imageIds.0', message: 'is not an image of this product' },
      { path: 'body.variants', message: 'at most 100' },
    ]);

    expect(cells).toEqual(
      new Map([
        ['3.sku', 'is already used'],
        ['0.optionValues', 'is not a value'],
        ['1.imageIds', 'is not an image of this product'],
        ['form', 'at most 100'],
      ]),
    );
  });
});
