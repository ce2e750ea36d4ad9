import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAxeViolations } from '../../apps/web/src/test-support/axe.test-support.js';
import { request } from '../../apps/api/src/test-support/harness.test-support.js';
import { seedCatalog, signInAsAdmin } from './catalog-support.js';
import { WAIT } from './commerce-support.js';
import { createUser, signedInUser, startStack, type Stack } from './support/stack.js';

let stack: Stack;
let adminToken: string;
let capId: string;
let shirt: { id: string; images: { id: string; alt: string }[]; variants: { id: string; title: string }[] };

beforeAll(async () => {
  stack = await startStack();
  adminToken = (await signedInUser(stack.ctx, { role: 'admin' })).accessToken;
  const { products } = await seedCatalog(stack, adminToken, [
    { name: 'Wool Cap', price: 1500, stock: 4, category: 'garden' },
    { name: 'Taken Sku Scarf', price: 900, stock: 1, category: 'garden' },
    { name: 'Linen Shirt', price: 3000, stock: 1, category: 'garden', images: 2 },
  ]);
  capId = (products[0] as { id: string }).id;
  // The scarf owns the SKU TAKEN-1, which the cap's table will try to reuse.
  await request(stack.url, 'PUT', `/api/admin/products/${(products[1] as { id: string }).id}/variants`, {
    token: adminToken,
    body: { options: [], variants: [{ sku: 'TAKEN-1', price: 900, stock: 1 }] },
  });
  // The shirt's S has a barcode, a compare-at price and its own image already: the table must keep them.
  const shirtId = (products[2] as { id: string }).id;
  const created = await request(stack.url, 'GET', `/api/admin/products/${shirtId}`, { token: adminToken });
  const [front] = (created.body as typeof shirt).images;
  const saved = await request(stack.url, 'PUT', `/api/admin/products/${shirtId}/variants`, {
    token: adminToken,
    body: {
      options: [{ name: 'Size', values: ['S', 'M'] }],
      variants: [
        {
          sku: 'SHIRT-S',
          optionValues: ['S'],
          price: 3000,
          stock: 3,
          barcode: '0001112223334',
          compareAtPrice: 3500,
          imageIds: [front?.id],
        },
        { sku: 'SHIRT-M', optionValues: ['M'], price: 3200, stock: 4 },
      ],
    },
  });
  if (saved.status !== 200) throw new Error(`variants: ${saved.status} ${JSON.stringify(saved.body)}`);
  shirt = saved.body as typeof shirt;
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
    await page.getByLabel('Price of M', { exact: true }).fill('17.50');
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

  it("when staff set a variant's compare-at price, barcode and image, then exactly those land and the store shows the sale for it", async () => {
    const admin = await createUser(stack.ctx, { role: 'admin', name: 'Val Variants' });
    const { page, context } = await stack.newPage();
    await signInAsAdmin(page, admin, `/admin/products/${shirt.id}`);
    const table = page.getByRole('table', { name: 'Variants of Linen Shirt' });
    await expect.poll(() => table.getByRole('rowheader').allTextContents(), WAIT).toEqual(['S', 'M']);
    expect(await page.getByLabel('Barcode of S').inputValue()).toBe('0001112223334');
    expect(await page.getByLabel('Compare-at price of S').inputValue()).toBe('35.00');

    // An amount the currency cannot hold is named at its cell before anything is sent.
    const compareAtOfM = page.getByLabel('Compare-at price of M');
    await compareAtOfM.fill('39.999');
    await page.getByRole('button', { name: 'Save variants' }).click();
    await expect.poll(() => compareAtOfM.getAttribute('aria-invalid'), WAIT).toBe('true');
    const describedBy = (await compareAtOfM.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`#${describedBy}`).textContent()).toBe('Use at most 2 decimals');

    await compareAtOfM.fill('39.90');
    await page.getByLabel('Barcode of M').fill('4006381333931');
    await page.getByRole('button', { name: 'Images of M' }).click();
    const dialog = page.getByRole('dialog', { name: 'Images of M' });
    await expect.poll(() => dialog.isVisible(), WAIT).toBe(true);
    await dialog.getByRole('checkbox', { name: 'Linen Shirt, view 2' }).check();
    expect(await dialog.getByRole('checkbox', { name: 'Linen Shirt, view 1' }).isChecked()).toBe(false);
    expect(await findAxeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => dialog.isVisible(), WAIT).toBe(false);
    await page.getByRole('button', { name: 'Save variants' }).click();

    const [front, back] = shirt.images.map((image) => image.id);
    await expect
      .poll(async () => {
        const product = await request(stack.url, 'GET', `/api/admin/products/${shirt.id}`, { token: adminToken });
        const variants = (product.body as { variants: Record<string, unknown>[] }).variants;
        const fields = ['title', 'sku', 'price', 'barcode', 'compareAtPrice', 'imageIds'];
        return variants.map((variant) => Object.fromEntries(fields.map((field) => [field, variant[field]])));
      }, WAIT)
      .toEqual([
        { title: 'S', sku: 'SHIRT-S', price: 3000, barcode: '0001112223334', compareAtPrice: 3500, imageIds: [front] },
        { title: 'M', sku: 'SHIRT-M', price: 3200, barcode: '4006381333931', compareAtPrice: 3990, imageIds: [back] },
      ]);
    await context.close();

    // The shopper's page for M: its price with the compare-at crossed out, and its own image first.
    const mediumId = shirt.variants.find((variant) => variant.title === 'M')?.id;
    const shopper = await stack.newPage();
    await shopper.page.goto(`/p/linen-shirt?variant=${mediumId}`);
    const main = shopper.page.getByRole('main');
    await expect.poll(() => main.locator('del').textContent(), WAIT).toBe('$39.90');
    expect(await main.getByText('$32.00').first().isVisible()).toBe(true);
    const thumbnails = main.getByRole('list', { name: 'Product images' }).getByRole('button');
    expect(await thumbnails.first().getAttribute('aria-label')).toBe('Show image 1 of 2: Linen Shirt, view 2');
    await shopper.context.close();
  });
});
