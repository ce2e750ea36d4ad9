import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAxeViolations } from '../../apps/web/src/test-support/axe.test-support.js';
import { createSizedProduct } from '../../apps/api/src/test-support/catalog.test-support.js';
import { request } from '../../apps/api/src/test-support/harness.test-support.js';
import { seedCatalog } from './catalog-support.js';
import { signIn, WAIT } from './commerce-support.js';
import { createUser, signedInUser, startStack, type Stack } from './support/stack.js';

let stack: Stack;
/** Variant ids of the Field Tee by title ("Blue / M"). */
let variantIds: Map<string, string>;

beforeAll(async () => {
  stack = await startStack();
  const admin = await signedInUser(stack.ctx, { role: 'admin' });
  const { products, garden } = await seedCatalog(stack, admin.accessToken, [
    { name: 'Field Tee', price: 2000, stock: 0, category: 'garden', images: 2 },
    { name: 'Plain Mug', price: 900, stock: 4, category: 'kitchen' },
  ]);
  const tee = products[0] as { id: string };
  const admin1 = await request(stack.url, 'GET', `/api/admin/products/${tee.id}`, { token: admin.accessToken });
  const redImage = (admin1.body as { images: { id: string }[] }).images[1]?.id as string;
  // Size × Colour without Red / L; Red / M sold out; L costs more; the red variants show the second image first.
  const variants = [
    ['S', 'Blue', 2000, 10],
    ['M', 'Blue', 2000, 10],
    ['L', 'Blue', 2400, 3],
    ['S', 'Red', 2000, 10],
    ['M', 'Red', 2000, 0],
  ].map(([size, colour, price, stock]) => ({
    sku: `TEE-${String(size)}-${String(colour)}`.toUpperCase(),
    optionValues: [size, colour],
    price,
    stock,
    imageIds: colour === 'Red' ? [redImage] : [],
  }));
  const saved = await request(stack.url, 'PUT', `/api/admin/products/${tee.id}/variants`, {
    token: admin.accessToken,
    body: {
      options: [
        { name: 'Size', values: ['S', 'M', 'L'] },
        { name: 'Colour', values: ['Blue', 'Red'] },
      ],
      variants,
    },
  });
  if (saved.status !== 200) throw new Error(`variants: ${saved.status} ${JSON.stringify(saved.body)}`);
  const body = saved.body as { variants: { id: string; title: string }[] };
  variantIds = new Map(body.variants.map((variant) => [variant.title, variant.id]));
  // A second sized product in the Garden category, sold in S only: what the category's Size filter narrows away.
  await createSizedProduct(stack.ctx, admin.accessToken, {
    name: 'Trail Sock',
    combinations: [['S', 'Grey']],
    extra: { categoryId: garden.id },
  });
});

afterAll(async () => {
  await stack?.close();
});

const idOf = (title: string) => variantIds.get(title) ?? '';
const price = (page: Page) => page.getByRole('main').locator('h1 + p').textContent();
const option = (page: Page, group: string, name: string) =>
  page.getByRole('group', { name: new RegExp(`^${group}`) }).getByRole('radio', { name, exact: true });

/**
 * Picks a radio or checkbox whose state follows the URL: the page re-renders from the new URL a moment after the
 * click, so the state is waited for rather than demanded at once (Playwright's `check()` would).
 */
async function choose(control: Locator) {
  await control.click();
  await expect.poll(() => control.isChecked(), WAIT).toBe(true);
}

/** Adds the chosen variant from its page and waits for the drawer to confirm, then closes it. */
async function addChosen(page: Page, label: string) {
  await page.getByRole('button', { name: 'Add to cart' }).click();
  const drawer = page.getByRole('dialog', { name: 'Your cart' });
  await expect.poll(() => drawer.getByText(`Added 1 × ${label} to your cart.`).isVisible(), WAIT).toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(() => drawer.isVisible(), WAIT).toBe(false);
}

describe('product options and variants in the browser (real API, built web app, Chromium)', () => {
  it('when a shopper chooses a size, then price, stock and the URL follow it, and a reload keeps it', async () => {
    const { page, context, consoleErrors } = await stack.newPage();
    await page.goto('/c/garden');
    await expect
      .poll(() => page.getByRole('article').filter({ hasText: 'Field Tee' }).textContent(), WAIT)
      .toContain('from $20.00');

    await page.goto('/p/field-tee');
    await expect.poll(() => option(page, 'Size', 'S').isChecked(), WAIT).toBe(true);
    expect(await option(page, 'Colour', 'Blue').isChecked()).toBe(true);
    await expect.poll(() => price(page), WAIT).toBe('$20.00');
    expect(await findAxeViolations(page)).toEqual([]);

    await choose(option(page, 'Size', 'L'));
    await expect.poll(() => new URL(page.url()).searchParams.get('variant'), WAIT).toBe(idOf('L / Blue'));
    await expect.poll(() => price(page), WAIT).toBe('$24.00');
    await expect.poll(() => page.getByRole('main').getByText('Only 3 left').isVisible(), WAIT).toBe(true);
    // Red / L does not exist: listed, struck through and named so.
    expect(await option(page, 'Colour', 'Red, unavailable').isVisible()).toBe(true);

    await page.reload();
    await expect.poll(() => option(page, 'Size', 'L').isChecked(), WAIT).toBe(true);
    await expect.poll(() => price(page), WAIT).toBe('$24.00');

    // The keyboard moves within a group (native radios): from L back to M.
    await option(page, 'Size', 'L').focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => new URL(page.url()).searchParams.get('variant'), WAIT).toBe(idOf('M / Blue'));
    await expect.poll(() => price(page), WAIT).toBe('$20.00');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when the chosen combination is sold out, then it is named so, its images lead and it cannot be added', async () => {
    const { page, context } = await stack.newPage();
    await page.goto(`/p/field-tee?variant=${idOf('M / Blue')}`);
    const soldOut = option(page, 'Colour', 'Red, sold out');
    await expect.poll(() => soldOut.isVisible(), WAIT).toBe(true);

    await choose(soldOut);

    await expect.poll(() => new URL(page.url()).searchParams.get('variant'), WAIT).toBe(idOf('M / Red'));
    expect(await page.getByRole('button', { name: 'Out of stock' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Add to cart' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Show image 1 of 2/ }).getAttribute('aria-label')).toContain(
      'view 2',
    );
    expect(await findAxeViolations(page)).toEqual([]);

    // A product sold one way has no pickers at all.
    await page.goto('/p/plain-mug');
    await expect.poll(() => page.getByRole('button', { name: 'Add to cart' }).isVisible(), WAIT).toBe(true);
    expect(await page.getByRole('radio').count()).toBe(0);
    await context.close();
  });

  it('when a guest adds two sizes, then the cart has two lines with their titles, changed one at a time, kept at sign-in', async () => {
    const { page, context, consoleErrors } = await stack.newPage();
    await page.goto(`/p/field-tee?variant=${idOf('S / Blue')}`);
    await addChosen(page, 'Field Tee (S / Blue)');
    await choose(option(page, 'Size', 'M'));
    await addChosen(page, 'Field Tee (M / Blue)');

    await page.goto('/cart');
    const lines = page.getByRole('list', { name: 'Items in your cart' }).getByRole('listitem');
    await expect.poll(() => lines.count(), WAIT).toBe(2);
    expect(await lines.nth(0).textContent()).toContain('S / Blue');
    expect(await lines.nth(1).textContent()).toContain('M / Blue');
    await page.getByRole('button', { name: 'Increase quantity of Field Tee (M / Blue)' }).click();
    await expect
      .poll(() => page.getByRole('spinbutton', { name: 'Quantity of Field Tee (M / Blue)' }).inputValue(), WAIT)
      .toBe('2');
    expect(await page.getByRole('spinbutton', { name: 'Quantity of Field Tee (S / Blue)' }).inputValue()).toBe('1');

    // Signed in, the same two lines are the account's: changes go to the API with ?variantId=.
    const shopper = await createUser(stack.ctx, { name: 'Vera Variant' });
    await signIn(page, shopper, '/cart');
    await expect.poll(() => lines.count(), WAIT).toBe(2);
    await page.getByRole('button', { name: 'Remove Field Tee (S / Blue)' }).click();
    await expect.poll(() => lines.count(), WAIT).toBe(1);
    expect(await lines.nth(0).textContent()).toContain('M / Blue');
    expect(await page.getByRole('spinbutton', { name: 'Quantity of Field Tee (M / Blue)' }).inputValue()).toBe('2');

    await page.goto(`/p/field-tee?variant=${idOf('L / Blue')}`);
    await addChosen(page, 'Field Tee (L / Blue)');
    await page.goto('/cart');
    await expect.poll(() => lines.count(), WAIT).toBe(2);
    expect(await lines.nth(1).textContent()).toContain('L / Blue');
    expect(await findAxeViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when a shopper searches, then option facets count the products per size and colour, and one variant must match every choice', async () => {
    const { page, context, consoleErrors } = await stack.newPage();
    await page.goto('/search?q=field%20tee');
    const sizes = page.getByRole('group', { name: 'Size' });
    await expect.poll(() => sizes.getByRole('checkbox', { name: 'L (1)' }).isVisible(), WAIT).toBe(true);
    expect(
      await page.getByRole('group', { name: 'Colour' }).getByRole('checkbox', { name: 'Red (1)' }).isVisible(),
    ).toBe(true);

    await choose(sizes.getByRole('checkbox', { name: 'L (1)' }));
    await expect.poll(() => new URL(page.url()).searchParams.get('option'), WAIT).toBe('size:l');
    await expect.poll(() => page.getByRole('article').filter({ hasText: 'Field Tee' }).count(), WAIT).toBe(1);
    // Red with L applied: the tee has no L / Red, so Red is not offered; Blue is (L / Blue).
    const colours = page.getByRole('group', { name: 'Colour' });
    await expect.poll(() => colours.getByRole('checkbox', { name: /^Red/ }).count(), WAIT).toBe(0);
    expect(await colours.getByRole('checkbox', { name: 'Blue (1)' }).isVisible()).toBe(true);
    expect(await findAxeViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when a shopper filters a category page by size, then counts show per value, the list narrows, and the URL keeps it', async () => {
    const { page, context, consoleErrors } = await stack.newPage();
    await page.goto('/c/garden');
    const sizes = page.getByRole('group', { name: 'Size' });
    await expect.poll(() => sizes.getByRole('checkbox', { name: 'S (2)' }).isVisible(), WAIT).toBe(true);
    expect(await sizes.getByRole('checkbox', { name: 'L (1)' }).isVisible()).toBe(true);
    const cards = page.getByRole('article');
    await expect.poll(() => cards.count(), WAIT).toBe(2);

    await choose(sizes.getByRole('checkbox', { name: 'L (1)' }));
    await expect.poll(() => new URL(page.url()).searchParams.get('option'), WAIT).toBe('size:l');
    await expect.poll(() => cards.count(), WAIT).toBe(1);
    expect(await cards.filter({ hasText: 'Field Tee' }).count()).toBe(1);
    // Size stays countable with its own choice ignored: S still offers both products.
    expect(await sizes.getByRole('checkbox', { name: 'S (2)' }).isVisible()).toBe(true);
    // Grey is sold only in S: with L chosen it is not offered.
    const colours = page.getByRole('group', { name: 'Colour' });
    expect(await colours.getByRole('checkbox', { name: /^Grey/ }).count()).toBe(0);

    await page.reload();
    await expect.poll(() => sizes.getByRole('checkbox', { name: 'L (1)' }).isChecked(), WAIT).toBe(true);
    await expect.poll(() => cards.count(), WAIT).toBe(1);
    await page.getByRole('button', { name: /clear/i }).first().click();
    await expect.poll(() => new URL(page.url()).searchParams.get('option'), WAIT).toBe(null);
    await expect.poll(() => cards.count(), WAIT).toBe(2);
    expect(await findAxeViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
