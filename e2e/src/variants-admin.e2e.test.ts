import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAxeViolations } from '../../apps/web/src/test-support/axe.test-support.js';
import { request } from '../../apps/api/src/test-support/harness.test-support.js';
import { seedCatalog, signInAsAdmin } from './catalog-support.js';
import { WAIT } from './commerce-support.js';
import { createUser, signedInUser, startStack, type Stack } from './support/stack.js';

let stack: Stack;
let adminToken: string;
let capId: string;

beforeAll(async () => {
  stack = await startStack();
  adminToken = (await signedInUser(stack.ctx, { role: 'admin' })).accessToken;
  const { products } = await seedCatalog(stack, adminToken, [
    { name: 'Wool Cap', price: 1500, stock: 4, category: 'garden' },
    { name: 'Taken Sku Scarf', price: 900, stock: 1, category: 'garden' },
  ]);
  capId = (products[0] as { id: string }).id;
  // The scarf owns the SKU TAKEN-1, which the cap's table will try to reuse.
  await request(stack.url, 'PUT', `/api/admin/products/${(products[1] as { id: string }).id}/variants`, {
    token: adminToken,
    body: { options: [], variants: [{ sku: 'TAKEN-1', price: 900, stock: 1 }] },
  });
});

afterAll(async () => {
  await stack?.close();
});

describe('admin variant table in the browser', () => {
  it('when staff define options, generate, edit and save, then the API error is shown at its cell and a fixed save lands', async () => {
    const admin = await createUser(stack.ctx, { role: 'admin', name: 'Vic Variants' });
    const { page, context } = await stack.newPage();
    await signInAsAdmin(page, admin, `/admin/products/${capId}`);
    const table = page.getByRole('table', { name: 'Variants of Wool Cap' });
    await expect.poll(() => table.getByRole('row').count(), WAIT).toBe(2); // header + Default

    await page.getByRole('button', { name: 'Add option' }).click();
    await page.getByLabel('Option 1 name').fill('Size');
    await page.getByLabel('Option 1 values (comma separated)').fill('S, M, L');
    await page.getByRole('button', { name: 'Generate variants' }).click();
    await expect.poll(() => table.getByRole('rowheader').allTextContents(), WAIT).toEqual(['S', 'M', 'L']);

    // Bulk: S and L get stock 5; M gets its own price; L reuses a SKU another product owns.
    await page.getByLabel('Select S').check();
    await page.getByLabel('Select L').check();
    await page.getByLabel('Value for the selected rows').fill('5');
    await page.getByRole('button', { name: 'Set stock' }).click();
    await page.getByLabel('Price of M').fill('17.50');
    await page.getByLabel('SKU of L').fill('TAKEN-1');
    await page.getByRole('button', { name: 'Save variants' }).click();

    const skuOfL = page.getByLabel('SKU of L');
    await expect.poll(() => skuOfL.getAttribute('aria-invalid'), WAIT).toBe('true');
    const describedBy = (await skuOfL.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`#${describedBy}`).textContent()).toMatch(/\S/);
    expect(await page.getByLabel('SKU of S').getAttribute('aria-invalid')).toBeNull();
    expect(await findAxeViolations(page)).toEqual([]);

    await skuOfL.fill('CAP-L');
    await page.getByRole('button', { name: 'Save variants' }).click();
    await expect
      .poll(async () => {
        const product = await request(stack.url, 'GET', `/api/admin/products/${capId}`, { token: adminToken });
        const variants = (product.body as { variants: { title: string; price: number; stock: number; sku: string }[] })
          .variants;
        return variants.map(({ title, price, stock, sku }) => `${title} ${price} ${stock} ${sku}`);
      }, WAIT)
      .toEqual([expect.stringMatching(/^S 1500 5 /), expect.stringMatching(/^M 1750 0 /), 'L 1500 5 CAP-L']);
    await expect.poll(() => page.getByLabel('SKU of L').getAttribute('aria-invalid'), WAIT).toBeNull();

    // A counted stock change of one variant.
    await page.getByRole('combobox', { name: /^Variant/ }).selectOption({ label: 'M (0 in stock)' });
    await page.getByLabel('Change (+ or −)').fill('12');
    await page.getByLabel('Reason').fill('Delivery');
    await page.getByRole('button', { name: 'Adjust stock' }).click();
    await expect
      .poll(async () => {
        const product = await request(stack.url, 'GET', `/api/products/wool-cap`);
        return (product.body as { variants: { title: string; stock: number }[] }).variants.map((v) => v.stock);
      }, WAIT)
      .toEqual([5, 12, 5]);
    await context.close();
  });
});
