import { DEMO_CATEGORIES } from '../modules/catalog/demo-catalog.js';
import { createCategory, createProduct } from './catalog.test-support.js';
import type { TestApp } from './harness.test-support.js';

/**
 * The demo shop's catalogue (`demo-catalog.ts`), created through the admin API as the seed does (same attributes),
 * without pictures: search reads none, and drawing 132 images would only slow the test down. Returns product ids
 * and category ids by name.
 */
export async function createDemoCatalog(ctx: TestApp, token: string) {
  const products = new Map<string, string>();
  const categories = new Map<string, string>();
  for (const [index, demo] of DEMO_CATEGORIES.entries()) {
    const category = await createCategory(ctx, token, {
      name: demo.name,
      description: demo.description,
      sortOrder: index * 10,
    });
    categories.set(demo.name, category.id);
    for (const [name, price, stock, description] of demo.products) {
      const created = await createProduct(ctx, token, {
        name,
        description,
        price,
        stock,
        categoryId: category.id,
        attributes: [{ key: 'Category', value: demo.name }],
      });
      products.set(name, created.id);
    }
  }
  return { products, categories };
}
