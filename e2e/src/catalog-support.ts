import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { createCategory, createProduct, pngImage, uploadImage, type Stack } from './support/stack.js';

/** Chromium logs every 4xx/5xx answer as a console error; journeys that expect one (a 404 page) drop just those. */
export function withoutHttpErrors(errors: string[], statuses: number[]): string[] {
  return errors.filter(
    (text) => !statuses.some((status) => text.includes(`the server responded with a status of ${status}`)),
  );
}

/** Signs in through the real login form and lands on `next` (the auth feature redirects back after sign-in). */
export async function signInAsAdmin(page: Page, admin: { email: string; password: string }, next: string) {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0], { timeout: 15_000 });
}

/** Names of the product cards in the results grid, in display order. */
export async function cardNames(page: Page, list = 'Products'): Promise<string[]> {
  return page.getByRole('list', { name: list }).getByRole('heading').allTextContents();
}

/** Waits until the results grid shows exactly `names`, in order (listings refetch after every URL change). */
export async function expectCards(page: Page, names: string[], list = 'Products'): Promise<void> {
  await expect.poll(() => cardNames(page, list), { timeout: 15_000 }).toEqual(names);
}

/** Drops `files` on the element the way a browser does at the end of a drag from the desktop (real drop events). */
export async function dropFiles(page: Page, selector: string, files: { name: string; type: string; bytes: Buffer }[]) {
  const dataTransfer = await page.evaluateHandle(
    (items) => {
      const transfer = new DataTransfer();
      for (const item of items)
        transfer.items.add(new File([new Uint8Array(item.bytes)], item.name, { type: item.type }));
      return transfer;
    },
    files.map((file) => ({ name: file.name, type: file.type, bytes: [...file.bytes] })),
  );
  await page.locator(selector).dispatchEvent('dragenter', { dataTransfer });
  await page.locator(selector).dispatchEvent('dragover', { dataTransfer });
  await page.locator(selector).dispatchEvent('drop', { dataTransfer });
}

export interface ProductSeed {
  name: string;
  price: number;
  stock: number;
  category: 'kitchen' | 'garden';
  compareAtPrice?: number;
  featured?: boolean;
  images?: number;
  attributes?: { key: string; value: string }[];
  description?: string;
}

/** Arranges a small, known catalog through the admin API (two categories, products with real uploaded images). */
export async function seedCatalog(stack: Stack, token: string, products: ProductSeed[]) {
  const kitchen = await createCategory(stack.ctx, token, { name: 'Kitchen', slug: 'kitchen', sortOrder: 0 });
  const garden = await createCategory(stack.ctx, token, { name: 'Garden', slug: 'garden', sortOrder: 1 });
  const categoryIds = { kitchen: kitchen.id, garden: garden.id };
  const colours = ['#cc3333', '#3366cc', '#33aa66', '#aa8833'];
  const created = [];
  for (const [index, seed] of products.entries()) {
    const images = [];
    for (let n = 0; n < (seed.images ?? 1); n += 1) {
      const png = await pngImage(800 + index, 600 + n, colours[(index + n) % colours.length]);
      const upload = await uploadImage(stack.ctx, token, png);
      if (upload.status !== 201) throw new Error(`upload failed: ${upload.status} ${JSON.stringify(upload.body)}`);
      images.push({ imageId: upload.body.id as string, alt: `${seed.name}, view ${n + 1}` });
    }
    const { category, images: _count, ...fields } = seed;
    created.push(await createProduct(stack.ctx, token, { ...fields, categoryId: categoryIds[category], images }));
  }
  return { kitchen, garden, products: created };
}
