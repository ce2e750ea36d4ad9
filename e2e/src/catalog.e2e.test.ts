import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAxeViolations } from '../../apps/web/src/test-support/axe.test-support.js';
import { cardNames, expectCards, seedCatalog, withoutHttpErrors } from './catalog-support.js';
import { signedInUser, startStack, type Stack } from './support/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
  const admin = await signedInUser(stack.ctx, { role: 'admin' });
  // Created oldest first: "newest" lists them in reverse.
  await seedCatalog(stack, admin.accessToken, [
    { name: 'Tea Towel', price: 500, stock: 20, category: 'kitchen' },
    { name: 'Blue Mug', price: 850, stock: 0, category: 'kitchen' },
    {
      name: 'Copper Kettle',
      price: 4500,
      compareAtPrice: 5500,
      stock: 3,
      category: 'kitchen',
      images: 3,
      description: 'Whistles when the water boils.',
      attributes: [{ key: 'Material', value: 'Copper' }],
    },
    { name: 'Red Mug', price: 1200, stock: 10, category: 'kitchen', featured: true },
    { name: 'Garden Mug Planter', price: 2000, stock: 5, category: 'garden' },
    { name: 'Watering Can', price: 3000, stock: 8, category: 'garden', featured: true },
  ]);
});

afterAll(async () => {
  await stack?.close();
});

describe('storefront catalog in the browser (real API, built web app, Chromium)', () => {
  it('when a shopper opens the home page and picks a category, then featured products and the category listing show', async () => {
    const { page, context, consoleErrors } = await stack.newPage();
    await page.goto('/');

    await expectCards(page, ['Watering Can', 'Red Mug'], 'Featured products');
    const categories = page.getByRole('region', { name: 'Shop by category' });
    expect(await categories.getByRole('link').allInnerTexts()).toEqual([
      expect.stringMatching(/^Kitchen\s+4 products$/),
      expect.stringMatching(/^Garden\s+2 products$/),
    ]);
    expect(await findAxeViolations(page)).toEqual([]);
    await categories.getByRole('link', { name: /Kitchen/ }).click();

    await page.waitForURL('**/c/kitchen');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Kitchen');
    await expectCards(page, ['Red Mug', 'Copper Kettle', 'Blue Mug', 'Tea Towel']);
    expect(await page.title()).toBe('Kitchen · Mercato');
    expect(await page.getByRole('status').filter({ hasText: 'products' }).textContent()).toBe('4 products');
    expect(await findAxeViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when filters and sort change, then the URL follows, results change, and back/forward and reload restore them', async () => {
    const { page, context, consoleErrors } = await stack.newPage();
    await page.goto('/c/kitchen');
    await expectCards(page, ['Red Mug', 'Copper Kettle', 'Blue Mug', 'Tea Towel']);

    await page.getByLabel('In stock only').check();
    await expectCards(page, ['Red Mug', 'Copper Kettle', 'Tea Towel']);
    expect(new URL(page.url()).search).toBe('?inStock=1');
    await page.getByLabel('Sort by').selectOption({ label: 'Price: low to high' });
    await expectCards(page, ['Tea Towel', 'Red Mug', 'Copper Kettle']);
    await page.getByLabel('Maximum price').fill('20');
    await page.getByRole('button', { name: 'Apply price' }).click();
    await expectCards(page, ['Tea Towel', 'Red Mug']);
    expect(new URL(page.url()).search).toBe('?max=20&inStock=1&sort=price_asc');

    await page.goBack();
    await expectCards(page, ['Tea Towel', 'Red Mug', 'Copper Kettle']);
    expect(await page.getByLabel('Maximum price').inputValue()).toBe('');
    await page.goForward();
    await expectCards(page, ['Tea Towel', 'Red Mug']);
    await page.reload();
    await expectCards(page, ['Tea Towel', 'Red Mug']);
    expect(await page.getByLabel('Maximum price').inputValue()).toBe('20');
    expect(await page.getByLabel('In stock only').isChecked()).toBe(true);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when a shopper searches from the header, sorts and filters, then results follow and "Clear filters" brings them back', async () => {
    const { page, context, consoleErrors } = await stack.newPage();
    await page.goto('/');
    const searchbox = page.getByRole('banner').getByRole('combobox', { name: 'Search products' }).first();

    await searchbox.fill('mug');
    await searchbox.press('Enter');

    await page.waitForURL('**/search?q=mug');
    await expectCards(page, ['Red Mug', 'Blue Mug', 'Garden Mug Planter']);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Results for “mug”');
    await page.getByLabel('Sort by').selectOption('price_desc');
    await expectCards(page, ['Garden Mug Planter', 'Red Mug', 'Blue Mug']);
    await page.getByLabel('Sort by').selectOption('price_asc');
    await expectCards(page, ['Blue Mug', 'Red Mug', 'Garden Mug Planter']);
    expect(await findAxeViolations(page)).toEqual([]);
    await page.getByLabel(/^In stock/).check();
    await expectCards(page, ['Red Mug', 'Garden Mug Planter']);
    expect(await findAxeViolations(page)).toEqual([]);
    await page.getByRole('main').getByRole('button', { name: 'Clear filters' }).last().click();

    await expectCards(page, ['Blue Mug', 'Red Mug', 'Garden Mug Planter']);
    expect(new URL(page.url()).search).toBe('?q=mug&sort=price_asc');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when a shopper opens a product, then gallery (keyboard too), prices, low stock, details and add-to-cart show', async () => {
    const { page, context, consoleErrors } = await stack.newPage();
    await page.goto('/c/kitchen');
    await page.getByRole('link', { name: 'Copper Kettle' }).click();

    await page.waitForURL('**/p/copper-kettle');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Copper Kettle');
    await expect.poll(() => page.title()).toBe('Copper Kettle · Mercato');
    const main = page.getByRole('main');
    const price = main
      .locator('p')
      .filter({ has: page.locator('del') })
      .first();
    expect(await price.textContent()).toBe('Now $45.00, was $55.00');
    expect(await main.getByText('Only 3 left').isVisible()).toBe(true);
    expect(await main.getByText('Whistles when the water boils.').isVisible()).toBe(true);
    expect(await main.locator('dt', { hasText: 'Material' }).locator('+ dd').textContent()).toBe('Copper');
    const mainImage = main.getByRole('img', { name: 'Copper Kettle, view 1' });
    expect(await mainImage.getAttribute('srcset')).toMatch(/\/media\/[0-9a-f]+-320\.webp 320w/);
    expect(await mainImage.getAttribute('width')).toBe('802');
    const thumbs = main.getByRole('list', { name: 'Product images' }).getByRole('button');
    expect(await thumbs.count()).toBe(3);

    await thumbs.first().focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => main.getByRole('img', { name: 'Copper Kettle, view 2' }).isVisible()).toBe(true);
    expect(await thumbs.nth(1).getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Show image 2 of 3/);
    await page.keyboard.press('End');
    expect(await thumbs.nth(2).getAttribute('aria-pressed')).toBe('true');

    const increase = main.getByRole('button', { name: 'Increase quantity' });
    for (let click = 0; click < 3; click += 1) if (await increase.isEnabled()) await increase.click();
    expect(await main.getByRole('spinbutton', { name: 'Quantity' }).inputValue()).toBe('3');
    expect(await increase.isDisabled()).toBe(true);
    expect(await main.getByRole('button', { name: 'Add to cart' }).isEnabled()).toBe(true);
    await expect.poll(() => cardNames(page, 'Related products')).toContain('Red Mug');
    expect(await findAxeViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when a product is out of stock, then the page says so and the button cannot be used', async () => {
    const { page, context, consoleErrors } = await stack.newPage();

    await page.goto('/p/blue-mug');

    const main = page.getByRole('main');
    await expect.poll(() => main.getByRole('heading', { level: 1 }).textContent()).toBe('Blue Mug');
    expect(await main.getByText('Out of stock').first().isVisible()).toBe(true);
    expect(await main.getByRole('button', { name: 'Out of stock' }).isDisabled()).toBe(true);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when a product or category does not exist, then a not-found page with ways back is shown', async () => {
    const { page, context, consoleErrors } = await stack.newPage();

    await page.goto('/p/no-such-product');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Product not found');
    expect(await page.getByRole('link', { name: 'Browse all products' }).isVisible()).toBe(true);
    expect(await findAxeViolations(page)).toEqual([]);
    await page.goto('/c/no-such-category');

    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Category not found');
    expect(await page.title()).toBe('Category not found · Mercato');
    expect(withoutHttpErrors(consoleErrors, [404])).toEqual([]);
    await context.close();
  });

  it('when the listing is viewed on a phone, then nothing overflows and the filters open from a toggle', async () => {
    const { page, context, consoleErrors } = await stack.newPage();
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto('/search');
    await expectCards(page, [
      'Watering Can',
      'Garden Mug Planter',
      'Red Mug',
      'Copper Kettle',
      'Blue Mug',
      'Tea Towel',
    ]);

    expect(await page.getByLabel('In stock only').isVisible()).toBe(false);
    await page.getByRole('button', { name: /^Filters/ }).click();
    await page.getByLabel('In stock only').check();

    await expectCards(page, ['Watering Can', 'Garden Mug Planter', 'Red Mug', 'Copper Kettle', 'Tea Towel']);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when the device is slow, then a filter and the sort show their new value at once, before the results follow', async () => {
    const { page, context, consoleErrors } = await stack.newPage();
    await page.goto('/c/kitchen');
    await expectCards(page, ['Red Mug', 'Copper Kettle', 'Blue Mug', 'Tea Towel']);
    // The router renders URL changes in a transition; on a slow phone that lands late, and a control bound to the
    // URL alone would snap back first (Playwright's check() then reports that the click changed nothing).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 10 });

    await page.getByLabel('In stock only').check();
    await page.getByLabel('Sort by').selectOption({ label: 'Price: low to high' });
    expect(await page.getByLabel('Sort by').inputValue()).toBe('price_asc');

    await expectCards(page, ['Tea Towel', 'Red Mug', 'Copper Kettle']);
    expect(new URL(page.url()).search).toBe('?inStock=1&sort=price_asc');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
