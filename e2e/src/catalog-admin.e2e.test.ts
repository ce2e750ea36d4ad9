import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAxeViolations } from '../../apps/web/src/test-support/axe.test-support.js';
import { dropFiles, expectCards, seedCatalog, signInAsAdmin, withoutHttpErrors } from './catalog-support.js';
import { addToCart, startCheckout, stockOf } from '../../apps/api/src/test-support/checkout.test-support.js';
import { createProduct, pngImage, signedInUser, startStack, type Stack } from './support/stack.js';

let stack: Stack;
let admin: Awaited<ReturnType<typeof signedInUser>>;

beforeAll(async () => {
  // Every journey signs in from 127.0.0.1: lift the per-IP auth throttle the API applies to real traffic.
  stack = await startStack({ AUTH_RATE_LIMIT_PER_IP: '1000' });
  admin = await signedInUser(stack.ctx, { role: 'admin' });
  await seedCatalog(stack, admin.accessToken, [
    { name: 'Existing Mug', price: 900, stock: 4, category: 'kitchen' },
    { name: 'Garden Hose', price: 2500, stock: 6, category: 'garden' },
  ]);
});

afterAll(async () => {
  await stack?.close();
});

const stockInput = (page: Page, name: string) => page.getByRole('textbox', { name: `Stock of ${name}` });

/** A new shopper starts checkout with one unit of the product: the unit is held (off the shelf, reserved). */
async function holdOne(productId: string) {
  const shopper = await signedInUser(stack.ctx);
  await addToCart(stack.ctx, shopper, productId, 1);
  const started = await startCheckout(stack.ctx, shopper);
  if (started.status !== 201) throw new Error(`checkout: ${started.status} ${JSON.stringify(started.body)}`);
}

/** A shopper in a fresh browser context (own HTTP cache), on a storefront page. */
async function shopperOn(path: string) {
  const shopper = await stack.newPage();
  await shopper.page.goto(path);
  return shopper;
}

describe('admin catalog in the browser (real API, built web app, Chromium)', () => {
  it('when an admin creates a product with dropped and picked images, then it appears on the storefront with them', async () => {
    const { page, context, consoleErrors } = await stack.newPage();
    await signInAsAdmin(page, admin, '/admin/products/new');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Sunrise Mug');
    await page.getByRole('textbox', { name: 'Price (USD)', exact: true }).fill('12.30');
    await page.getByRole('textbox', { name: 'Stock' }).fill('5');
    await page.getByRole('combobox', { name: 'Category' }).selectOption({ label: 'Kitchen' });

    await dropFiles(page, '[data-testid="image-dropzone"]', [
      { name: 'sunrise.png', type: 'image/png', bytes: await pngImage(1200, 900, '#ffaa00') },
    ]);
    await page.getByLabel('Alt text for image 1 of 1').fill('A yellow mug at sunrise');
    await page.getByLabel('Upload images').setInputFiles({
      name: 'top.png',
      mimeType: 'image/png',
      buffer: await pngImage(900, 900, '#aa3300'),
    });
    await page.getByLabel('Alt text for image 2 of 2').fill('The mug from above');
    await page.getByRole('button', { name: 'Move up image 2 of 2' }).click();
    expect(await page.getByLabel('Alt text for image 1 of 2').inputValue()).toBe('The mug from above');
    const items = page.getByRole('list', { name: 'Product images, in display order' }).getByRole('listitem');
    await items.nth(1).locator('[draggable="true"]').dragTo(items.nth(0));
    expect(await page.getByLabel('Alt text for image 1 of 2').inputValue()).toBe('A yellow mug at sunrise');
    await page.getByRole('button', { name: 'Move up image 2 of 2' }).click();
    expect(await findAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Create product' }).click();

    await page.waitForURL(/\/admin\/products\/[0-9a-f]{24}$/);
    await expect.poll(() => page.getByRole('status').getByText('Sunrise Mug was created').isVisible()).toBe(true);
    const stored = await (await fetch(`${stack.url}/api/products/sunrise-mug`)).json();
    expect(stored).toMatchObject({ price: 1230, stock: 5, category: { slug: 'kitchen' } });
    expect(stored.images.map((image: { alt: string }) => image.alt)).toEqual([
      'The mug from above',
      'A yellow mug at sunrise',
    ]);
    const shopper = await shopperOn('/c/kitchen');
    await expectCards(shopper.page, ['Sunrise Mug', 'Existing Mug']);
    const cardImage = shopper.page.getByRole('listitem').filter({ hasText: 'Sunrise Mug' }).locator('img');
    expect(await cardImage.getAttribute('srcset')).toMatch(/\/media\/[0-9a-f]+-320\.webp 320w/);
    await shopper.page.getByRole('link', { name: 'Sunrise Mug' }).click();
    const main = shopper.page.getByRole('main');
    await expect.poll(() => main.getByRole('img', { name: 'The mug from above' }).isVisible()).toBe(true);
    expect(await main.getByText('$12.30').first().isVisible()).toBe(true);
    expect(await main.getByRole('list', { name: 'Product images' }).getByRole('button').count()).toBe(2);
    await expect
      .poll(() =>
        main.getByRole('img', { name: 'The mug from above' }).evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBeGreaterThan(0);
    expect(await findAxeViolations(shopper.page)).toEqual([]);
    expect(shopper.consoleErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await shopper.context.close();
    await context.close();
  });

  it('when uploads are slow, refused by the form or by the server, then previews, progress and reasons show', async () => {
    const { page, context, consoleErrors } = await stack.newPage();
    await signInAsAdmin(page, admin, '/admin/products/new');
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/admin/images', async (route) => {
      await gate;
      await route.continue();
    });

    await dropFiles(page, '[data-testid="image-dropzone"]', [
      { name: 'slow.png', type: 'image/png', bytes: await pngImage(640, 480, '#336699') },
      { name: 'notes.txt', type: 'text/plain', bytes: Buffer.from('not an image') },
      { name: 'fake.png', type: 'image/png', bytes: Buffer.from('plain text pretending to be a PNG') },
    ]);

    expect(
      await page.getByRole('alert').filter({ hasText: 'notes.txt is not a JPEG, PNG or WebP image.' }).isVisible(),
    ).toBe(true);
    const uploads = page.getByRole('list', { name: 'Uploads in progress' });
    await expect.poll(() => uploads.getByRole('progressbar', { name: 'Uploading slow.png' }).isVisible()).toBe(true);
    expect(await uploads.getByRole('listitem').first().locator('img').getAttribute('src')).toMatch(/^blob:/);
    release();
    await expect.poll(() => page.getByLabel('Alt text for image 1 of 1').isVisible()).toBe(true);
    await expect.poll(() => uploads.getByRole('alert').textContent()).toMatch(/not a readable image/i);
    expect(await uploads.getByRole('listitem').count()).toBe(1);
    await uploads.getByRole('button', { name: 'Dismiss' }).click();
    expect(await uploads.count()).toBe(0);
    expect(withoutHttpErrors(consoleErrors, [422])).toEqual([]);
    await context.close();
  });

  it('when an admin sets the stock to 0 in the table, then the storefront shows the product out of stock', async () => {
    const { page, context, consoleErrors } = await stack.newPage();
    await signInAsAdmin(page, admin, '/admin/products');
    await page.getByRole('main').getByRole('searchbox', { name: 'Search products' }).fill('Existing');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL('**/admin/products?q=Existing');
    await expect.poll(() => stockInput(page, 'Existing Mug').inputValue()).toBe('4');
    expect(await findAxeViolations(page)).toEqual([]);

    await stockInput(page, 'Existing Mug').fill('0');
    await stockInput(page, 'Existing Mug').press('Enter');

    expect(await stockInput(page, 'Existing Mug').inputValue()).toBe('0');
    await expect.poll(async () => (await (await fetch(`${stack.url}/api/products/existing-mug`)).json()).stock).toBe(0);
    const shopper = await shopperOn('/p/existing-mug');
    const main = shopper.page.getByRole('main');
    await expect.poll(() => main.getByRole('button', { name: 'Out of stock' }).isDisabled()).toBe(true);
    expect(await main.getByText('Out of stock').first().isVisible()).toBe(true);
    expect(shopper.consoleErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await shopper.context.close();
    await context.close();
  });

  it('when a quick stock edit fails on the server, then the table shows the new value at once and then rolls back', async () => {
    const { page, context, consoleErrors } = await stack.newPage();
    await signInAsAdmin(page, admin, '/admin/products');
    const before = await stockInput(page, 'Garden Hose').inputValue();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/admin/products/*/stock', async (route) => {
      await gate;
      await route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Service Unavailable',
          status: 503,
          code: 'SERVICE_UNAVAILABLE',
          detail: 'The database is busy.',
        }),
      });
    });

    await stockInput(page, 'Garden Hose').fill('42');
    await stockInput(page, 'Garden Hose').press('Enter');
    expect(await stockInput(page, 'Garden Hose').inputValue()).toBe('42');
    release();

    await expect.poll(() => stockInput(page, 'Garden Hose').inputValue()).toBe(before);
    await expect
      .poll(() => page.getByRole('alert').getByText('Stock of Garden Hose was not saved').isVisible())
      .toBe(true);
    expect(withoutHttpErrors(consoleErrors, [503])).toEqual([]);
    await context.close();
  });

  it('when checkouts hold units while the edit form is open, then saving other fields keeps their holds and a stale stock is refused at its field', async () => {
    const kettle = await createProduct(stack.ctx, admin.accessToken, { name: 'Copper Kettle', stock: 8 });
    const { page, context, consoleErrors } = await stack.newPage();
    await signInAsAdmin(page, admin, `/admin/products/${kettle.id}`);
    const stock = page.getByRole('textbox', { name: 'Stock', exact: true });
    const save = page.getByRole('button', { name: 'Save changes', exact: true });
    await expect.poll(() => stock.inputValue()).toBe('8');

    await holdOne(kettle.id);
    await page.getByRole('textbox', { name: 'Description' }).fill('Whistles when it boils');
    await save.click();
    await expect.poll(() => page.getByRole('status').getByText('Changes saved').isVisible()).toBe(true);
    // The form's 8 was not sent back: the held unit stays held, none appears on the shelf.
    expect(await stockOf(stack.ctx, kettle.id)).toMatchObject({ stock: 7, reserved: 1 });
    await expect.poll(() => stock.inputValue()).toBe('7');

    await holdOne(kettle.id);
    await stock.fill('20');
    await save.click();
    await expect.poll(() => stock.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Stock changed since it was read (now 6); reload and try again').isVisible()).toBe(
      true,
    );
    expect(await stockOf(stack.ctx, kettle.id)).toMatchObject({ stock: 6, reserved: 2 });

    await page.reload();
    await expect.poll(() => stock.inputValue()).toBe('6');
    await stock.fill('20');
    await save.click();
    await expect.poll(async () => (await stockOf(stack.ctx, kettle.id)).stock).toBe(20);
    expect(await stockOf(stack.ctx, kettle.id)).toMatchObject({ stock: 20, reserved: 2 });
    expect(withoutHttpErrors(consoleErrors, [409])).toEqual([]);
    await context.close();
  });

  it('when the form is invalid or the slug is taken, then each problem shows on its field; delete asks first', async () => {
    const { page, context, consoleErrors } = await stack.newPage();
    await signInAsAdmin(page, admin, '/admin/products/new');
    const price = page.getByRole('textbox', { name: 'Price (USD)', exact: true });

    await page.getByRole('button', { name: 'Create product' }).click();
    await expect.poll(() => page.getByText('Enter a name').isVisible()).toBe(true);
    expect(await page.getByText('Enter a price').isVisible()).toBe(true);
    expect(await findAxeViolations(page)).toEqual([]);
    await price.fill('12.345');
    await page.getByRole('button', { name: 'Create product' }).click();
    await expect.poll(() => page.getByText('Use at most 2 decimals').isVisible()).toBe(true);
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Copycat Mug');
    await page.getByRole('textbox', { name: 'Slug' }).fill('existing-mug');
    await price.fill('5');
    await page.getByRole('button', { name: 'Create product' }).click();

    const slug = page.getByRole('textbox', { name: 'Slug' });
    await expect.poll(() => slug.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('is already used by another product').isVisible()).toBe(true);
    await slug.fill('copycat-mug');
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.waitForURL(/\/admin\/products\/[0-9a-f]{24}$/);
    await page.getByRole('button', { name: 'Delete product' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Copycat Mug?' });
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.waitForURL('**/admin/products');
    await expect.poll(() => page.getByRole('status').getByText('Copycat Mug was deleted').isVisible()).toBe(true);
    expect((await fetch(`${stack.url}/api/products/copycat-mug`)).status).toBe(404);
    expect(withoutHttpErrors(consoleErrors, [409])).toEqual([]);
    await context.close();
  });

  it('when an admin manages categories, then a new one is listed and deleting one with products is explained', async () => {
    const { page, context, consoleErrors } = await stack.newPage();
    await signInAsAdmin(page, admin, '/admin/categories');

    await page.getByRole('button', { name: 'New category' }).click();
    const create = page.getByRole('dialog', { name: 'New category' });
    await create.getByRole('textbox', { name: 'Name', exact: true }).fill('Bathroom');
    await create.getByRole('button', { name: 'Create category' }).click();
    await expect.poll(() => page.getByRole('row', { name: /Bathroom/ }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('New category');
    expect(await findAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Delete Kitchen' }).click();
    const refuse = page.getByRole('dialog', { name: 'Delete Kitchen?' });
    await refuse.getByRole('button', { name: 'Delete', exact: true }).click();

    await expect.poll(() => refuse.getByRole('alert').textContent()).toMatch(/^Kitchen still holds \d+ products?\./);
    await refuse.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByRole('button', { name: 'Delete Bathroom' }).click();
    await page
      .getByRole('dialog', { name: 'Delete Bathroom?' })
      .getByRole('button', { name: 'Delete', exact: true })
      .click();
    await expect.poll(() => page.getByRole('row', { name: /Bathroom/ }).count()).toBe(0);
    expect(withoutHttpErrors(consoleErrors, [409])).toEqual([]);
    await context.close();
  });
});
