import type { TAdminProduct } from '@mercato/shared';
import { describe, expect, it } from 'vitest';
import {
  createProductFormSchema,
  EMPTY_PRODUCT_FORM,
  toProductFormValues,
  toProductInput,
  toProductPatch,
  type ProductFormValues,
} from './product-form.js';

const valid: ProductFormValues = {
  ...EMPTY_PRODUCT_FORM,
  name: ' Red mug ',
  price: '12.30',
  stock: '7',
  images: [{ imageId: 'a'.repeat(24), alt: ' A red mug ', src: '/m.webp', srcset: '', width: 640, height: 480 }],
  attributes: [{ key: ' Colour ', value: ' Red ' }],
};

function issues(values: ProductFormValues, digits = 2): Record<string, string> {
  const result = createProductFormSchema(digits).safeParse(values);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

describe('createProductFormSchema', () => {
  it('when the form is filled correctly, then there are no issues', () => {
    expect(issues(valid)).toEqual({});
  });

  it('when required fields are empty or malformed, then each field gets its own message', () => {
    const result = issues({ ...valid, name: '  ', price: '12.345', stock: '-1', slug: 'Red Mug' });
    expect(result).toEqual({
      name: 'Enter a name',
      price: 'Use at most 2 decimals',
      stock: 'Enter a whole number from 0 to 1,000,000',
      slug: 'Use lowercase letters, digits and single dashes, like red-mug',
    });
    expect(issues({ ...valid, price: '' }).price).toBe('Enter a price');
    expect(issues({ ...valid, stock: '2.5' }).stock).toMatch(/whole number/);
  });

  it('when the compare-at price is not above the price, then it is flagged; empty is fine', () => {
    expect(issues({ ...valid, compareAtPrice: '12.30' }).compareAtPrice).toMatch(/higher than the price/);
    expect(issues({ ...valid, compareAtPrice: '' })).toEqual({});
    expect(issues({ ...valid, compareAtPrice: '15' })).toEqual({});
  });

  it('when an attribute has no name, then that row is flagged', () => {
    expect(issues({ ...valid, attributes: [{ key: ' ', value: 'x' }] })).toEqual({
      'attributes.0.key': 'Enter a name',
    });
  });
});

describe('toProductInput', () => {
  it('when converted, then prices are exact minor units, text is trimmed and empty optionals are null', () => {
    expect(toProductInput({ ...valid, price: '0.29', compareAtPrice: '1.15' }, 2)).toEqual({
      name: 'Red mug',
      description: '',
      price: 29,
      compareAtPrice: 115,
      categoryId: null,
      stock: 7,
      active: true,
      featured: false,
      images: [{ imageId: 'a'.repeat(24), alt: 'A red mug' }],
      attributes: [{ key: 'Colour', value: 'Red' }],
    });
  });

  it('when a slug is typed, then it is sent; when left empty, the API keeps or derives it', () => {
    expect(toProductInput({ ...valid, slug: 'red-mug' }, 2).slug).toBe('red-mug');
    expect('slug' in toProductInput(valid, 2)).toBe(false);
  });
});

describe('toProductPatch', () => {
  it('when the product has options, then price, compare-at and stock stay out of the patch (they are per variant)', () => {
    const patch = toProductPatch({ ...valid, compareAtPrice: '15', stock: '9' }, valid, 2, true);
    expect(patch).toMatchObject({ name: 'Red mug', images: [{ imageId: 'a'.repeat(24), alt: 'A red mug' }] });
    expect(Object.keys(patch)).not.toContain('price');
    expect(Object.keys(patch)).not.toContain('compareAtPrice');
    expect(Object.keys(patch)).not.toContain('stock');
    expect(Object.keys(patch)).not.toContain('expectedStock');
  });

  it('when other fields change but not the stock, then the stock is not sent (checkouts may have moved it meanwhile)', () => {
    const patch = toProductPatch({ ...valid, description: 'Holds tea' }, valid, 2, false);
    expect(patch).toMatchObject({ description: 'Holds tea', price: 1230, compareAtPrice: null });
    expect(Object.keys(patch)).not.toContain('stock');
    expect(Object.keys(patch)).not.toContain('expectedStock');
    // Typed differently but the same count: still unchanged.
    expect(Object.keys(toProductPatch({ ...valid, stock: ' 07 ' }, valid, 2, false))).not.toContain('stock');
  });

  it('when the admin changes the stock, then it is sent with the count the form was opened with', () => {
    const patch = toProductPatch({ ...valid, stock: '12' }, valid, 2, false);
    expect(patch).toMatchObject({ stock: 12, expectedStock: 7 });
    expect(toProductPatch({ ...valid, stock: '0' }, valid, 2, false)).toMatchObject({ stock: 0, expectedStock: 7 });
  });
});

describe('toProductFormValues', () => {
  it('when a stored product is edited, then its form values convert back to the same input', () => {
    const product = {
      id: 'b'.repeat(24),
      slug: 'red-mug',
      name: 'Red mug',
      description: 'Holds tea',
      price: 1230,
      compareAtPrice: 1500,
      currency: 'USD',
      categoryId: 'c'.repeat(24),
      stock: 3,
      active: true,
      featured: true,
      images: [{ id: 'a'.repeat(24), alt: 'Mug', src: '/m.webp', srcset: '/m.webp 640w', width: 640, height: 480 }],
      attributes: [{ key: 'Colour', value: 'Red' }],
    } as TAdminProduct;

    const values = toProductFormValues(product, 2);

    expect(values).toMatchObject({ price: '12.30', compareAtPrice: '15.00', stock: '3', categoryId: 'c'.repeat(24) });
    expect(toProductInput(values, 2)).toMatchObject({
      price: 1230,
      compareAtPrice: 1500,
      slug: 'red-mug',
      images: [{ imageId: 'a'.repeat(24), alt: 'Mug' }],
    });
  });
});
