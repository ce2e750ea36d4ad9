import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAxeViolations } from '../../apps/web/src/test-support/axe.test-support.js';
import { request } from '../../apps/api/src/test-support/harness.test-support.js';
import { signInAsAdmin } from './catalog-support.js';
import { WAIT } from './commerce-support.js';
import { createUser, startStack, type Stack } from './support/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack?.close();
});

const HEADER =
  'Handle,Title,Body (HTML),Vendor,Type,Published,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Qty,' +
  'Variant Price,Variant Compare At Price,Variant Barcode,Status';

/** A Shopify product export of two products: a tee in sizes S and M (rows 2–3) and a mug (row 4). */
const shopifyCsv = (mugStock: string) =>
  [
    HEADER,
    'import-tee,Import Tee,<p>Soft <strong>cotton</strong>.</p>,Northwind,Shirts,TRUE,Size,S,IMP-TEE-S,5,19.99,25.00,0001112223334,active',
    'import-tee,,,,,,,M,IMP-TEE-M,3,21.50,,,',
    `import-mug,Import Mug,<p>Stoneware.</p>,Northwind,Mugs,TRUE,Title,Default Title,IMP-MUG,${mugStock},12.50,,,active`,
    '',
  ].join('\n');

/** The body rows of the report table captioned `caption`, each as its cells joined by " | ". */
function tableRows(page: Page, caption: string): Promise<string[]> {
  return page
    .getByRole('table', { name: caption })
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => Array.from(row.querySelectorAll('td'), (cell) => cell.textContent?.trim()).join(' | ')),
    );
}

async function chooseCsv(page: Page, name: string, csv: string) {
  await page.getByLabel('CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
}

const summary = (page: Page) => page.getByRole('status', { name: 'Import summary' }).textContent();
const storeProduct = (slug: string) => request(stack.url, 'GET', `/api/products/${slug}`);

describe('admin catalogue CSV import in the browser', () => {
  it('when staff import a Shopify CSV with a bad row, then the dry run names row and column, apply writes the good product, and the fixed file adds the rest', async () => {
    const admin = await createUser(stack.ctx, { role: 'admin', name: 'Ira Import' });
    const { page, context, consoleErrors } = await stack.newPage();
    await signInAsAdmin(page, admin, '/admin/import');

    await chooseCsv(page, 'products.csv', shopifyCsv('-2'));
    await expect
      .poll(() => summary(page), WAIT)
      .toBe(
        'Dry run (Shopify CSV, 3 rows): 1 to create, 0 to update, 0 unchanged, 1 with errors (not written; the other products are).',
      );
    expect(await tableRows(page, 'Errors')).toEqual(['4 | Variant Inventory Qty | import-mug | cannot be negative']);
    expect(await tableRows(page, 'Rows')).toEqual([
      '2 | import-tee | IMP-TEE-S | created',
      '3 | import-tee | IMP-TEE-M | created',
      '4 | import-mug | IMP-MUG | error',
    ]);
    expect(await findAxeViolations(page)).toEqual([]);
    expect((await storeProduct('import-tee')).status).toBe(404); // a dry run writes nothing

    // Applied as it is: the tee is written, the mug with the bad row is not.
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(() => summary(page), WAIT)
      .toMatch(/^Applied \(Shopify CSV, 3 rows\): 1 to create, .* 1 with errors/);
    const appliedNote = page.getByRole('status').filter({ hasText: /^Applied, except the products with errors/ });
    await expect.poll(() => appliedNote.count(), WAIT).toBe(1);
    const tee = await storeProduct('import-tee');
    expect(tee.body).toMatchObject({
      name: 'Import Tee',
      description: 'Soft cotton.',
      options: [{ name: 'Size', values: ['S', 'M'] }],
    });
    const variants = (tee.body as { variants: { sku: string; price: number; compareAtPrice: number | null }[] })
      .variants;
    expect(variants.map(({ sku, price, compareAtPrice }) => [sku, price, compareAtPrice])).toEqual([
      ['IMP-TEE-S', 1999, 2500],
      ['IMP-TEE-M', 2150, null],
    ]);
    expect((await storeProduct('import-mug')).status).toBe(404);

    // The fixed file: the tee is unchanged, the mug is created.
    await chooseCsv(page, 'products-fixed.csv', shopifyCsv('2'));
    await expect
      .poll(() => summary(page), WAIT)
      .toBe('Dry run (Shopify CSV, 3 rows): 1 to create, 0 to update, 1 unchanged, 0 with errors.');
    expect(await page.getByRole('table', { name: 'Errors' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(
        () => page.getByRole('status').filter({ hasText: 'Applied: the catalogue now matches the file.' }).count(),
        WAIT,
      )
      .toBe(1);
    expect((await storeProduct('import-mug')).body).toMatchObject({ name: 'Import Mug', price: 1250, stock: 2 });

    // Staff find both in the product list; shoppers see the tee on sale.
    await page.goto('/admin/products');
    const list = page.getByRole('table', { name: 'Products' });
    await expect
      .poll(() => list.getByRole('link', { name: /^Import / }).allTextContents(), WAIT)
      .toEqual(['Import Mug', 'Import Tee']);
    const shopper = await stack.newPage();
    await shopper.page.goto('/p/import-tee');
    const main = shopper.page.getByRole('main');
    await expect.poll(() => main.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe('Import Tee');
    expect(await main.locator('del').textContent()).toBe('$25.00');
    expect(consoleErrors).toEqual([]);
    await shopper.context.close();
    await context.close();
  });
});
