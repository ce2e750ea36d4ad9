import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAxeViolations } from '../../apps/web/src/test-support/axe.test-support.js';
import { expectCards, seedCatalog } from './catalog-support.js';
import { signedInUser, startStack, type Stack } from './support/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
  const admin = await signedInUser(stack.ctx, { role: 'admin' });
  await seedCatalog(stack, admin.accessToken, [
    { name: 'Tea Towel', price: 500, stock: 20, category: 'kitchen' },
    { name: 'Blue Mug', price: 850, stock: 0, category: 'kitchen' },
    { name: 'Copper Kettle', price: 4500, stock: 3, category: 'kitchen', description: 'Whistles when it boils.' },
    { name: 'Red Mug', price: 1200, stock: 10, category: 'kitchen' },
    { name: 'Garden Mug Planter', price: 2000, stock: 5, category: 'garden' },
    { name: 'Watering Can', price: 3000, stock: 8, category: 'garden' },
  ]);
});

afterAll(async () => {
  await stack?.close();
});

/** The header's search combobox that is on screen (the desktop one, or the phone's full-width row). */
const comboboxOf = (page: Page) =>
  page.getByRole('banner').getByRole('combobox', { name: 'Search products' }).locator('visible=true');
const optionNames = (page: Page) =>
  page
    .getByRole('listbox', { name: 'Suggestions' })
    .getByRole('option')
    .evaluateAll((options) => options.map((option) => option.getAttribute('aria-label')));

describe('header search suggestions (real API, built web app, Chromium)', () => {
  it('when a shopper types a prefix, then suggestions appear, arrow keys move through them and Enter opens one', async () => {
    const { page, context, consoleErrors } = await stack.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/');
    const combobox = comboboxOf(page);
    await combobox.click();
    await combobox.pressSequentially('kettl', { delay: 30 });

    await expect.poll(() => optionNames(page)).toEqual(['Copper Kettle, $45.00', 'All results for “kettl”']);
    expect(await combobox.getAttribute('aria-expanded')).toBe('true');
    expect(await combobox.getAttribute('aria-activedescendant')).toBeNull();
    expect(await findAxeViolations(page)).toEqual([]);

    // What the input says is active, once the UI has caught up with the keys (React renders after the event).
    const activeLabel = async () => {
      const id = await combobox.getAttribute('aria-activedescendant');
      return id ? page.locator(`[id="${id}"]`).getAttribute('aria-label') : null;
    };
    await combobox.press('ArrowDown');
    await expect.poll(activeLabel).toBe('Copper Kettle, $45.00');
    const active = await combobox.getAttribute('aria-activedescendant');
    expect(await page.locator(`[id="${active}"]`).getAttribute('aria-selected')).toBe('true');
    // Down past the last row goes back to the text; up from the text goes to the last row.
    await combobox.press('ArrowDown');
    await combobox.press('ArrowDown');
    await expect.poll(activeLabel).toBeNull();
    await combobox.press('ArrowUp');
    await expect.poll(activeLabel).toBe('All results for “kettl”');
    await combobox.press('ArrowUp');
    await combobox.press('Enter');

    await page.waitForURL('**/p/copper-kettle');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Copper Kettle');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when a shopper types a word quickly, then suggestions are asked for once, for the whole word (debounced)', async () => {
    const { page, context, consoleErrors } = await stack.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    const asked: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/search/suggest') asked.push(url.searchParams.get('q') ?? '');
    });
    await page.goto('/');
    const combobox = comboboxOf(page);
    await combobox.click();
    // 20 ms between keys, well inside the 150 ms pause: without the debounce, "wa" to "watering" is 7 requests.
    await combobox.pressSequentially('watering', { delay: 20 });

    await expect.poll(() => optionNames(page)).toEqual(['Watering Can, $30.00', 'All results for “watering”']);
    // Once the whole word has been asked for, nothing else is waiting to be: the count is final.
    await expect.poll(() => asked.at(-1)).toBe('watering');
    // One; two if a loaded machine paused once between keys for longer than the debounce.
    expect(asked.length).toBeLessThanOrEqual(2);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when Escape is pressed, then the list closes; Enter then goes to the full results with facets', async () => {
    const { page, context, consoleErrors } = await stack.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/');
    const combobox = comboboxOf(page);
    await combobox.click();
    await combobox.pressSequentially('mug', { delay: 30 });
    await expect.poll(() => optionNames(page)).toContain('Red Mug, $12.00');

    await combobox.press('Escape');
    await expect.poll(() => combobox.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('listbox', { name: 'Suggestions' }).count()).toBe(0);
    expect(await combobox.inputValue()).toBe('mug');
    await combobox.press('Enter');

    await page.waitForURL('**/search?q=mug');
    // Best match: whole word in the name, the head noun before "Planter", in stock before sold out.
    await expectCards(page, ['Red Mug', 'Blue Mug', 'Garden Mug Planter']);
    await page.getByLabel('Kitchen (2)').check();
    await expectCards(page, ['Red Mug', 'Blue Mug']);
    // The other category stays offered, with its count.
    expect(await page.getByLabel('Garden (1)').isVisible()).toBe(true);
    await page.getByLabel('In stock (1)').check();
    await expectCards(page, ['Red Mug']);
    expect(new URL(page.url()).search).toBe('?q=mug&category=kitchen&inStock=1');
    expect(await findAxeViolations(page)).toEqual([]);
    await page.getByLabel('Sort by').selectOption('price_desc');
    await page.getByRole('main').getByRole('button', { name: 'Clear filters' }).last().click();
    await expectCards(page, ['Garden Mug Planter', 'Red Mug', 'Blue Mug']);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when a search finds nothing, then "did you mean" links to the closest query with results', async () => {
    const { page, context, consoleErrors } = await stack.newPage();
    await page.goto('/search?q=plnatre');
    const suggestion = page.getByRole('link', { name: 'planter' });
    await expect.poll(() => suggestion.isVisible()).toBe(true);
    await suggestion.click();
    await page.waitForURL('**/search?q=planter');
    await expectCards(page, ['Garden Mug Planter']);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when a shopper on a phone taps the search row and types with a typo, then suggestions fit the screen and a tap opens one', async () => {
    const context = await stack.browser.newContext({
      baseURL: stack.url,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto('/');
    const combobox = comboboxOf(page);
    await combobox.tap();
    await combobox.pressSequentially('waterng', { delay: 30 });
    await expect.poll(() => optionNames(page)).toEqual(['Watering Can, $30.00', 'All results for “waterng”']);
    const listbox = page.getByRole('listbox', { name: 'Suggestions' });
    const box = await listbox.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    expect(await findAxeViolations(page)).toEqual([]);

    await listbox.getByRole('option', { name: 'Watering Can, $30.00' }).tap();
    await page.waitForURL('**/p/watering-can');
    await context.close();
  });
});
