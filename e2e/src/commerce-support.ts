import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { startCheckout, waitForFulfilment } from '../../apps/api/src/test-support/checkout.test-support.js';
import { request } from '../../apps/api/src/test-support/harness.test-support.js';
import { createCategory, createProduct, pngImage, signedInUser, uploadImage, type Stack } from './support/stack.js';

/** Chromium on a busy 2-core machine: UI reactions (lazy chunks, payment redirects) get time to land. */
export const WAIT = { timeout: 20_000 } as const;

/** Chromium logs every 4xx answer as a console error; journeys that expect one (a refused code) drop just those. */
export function withoutHttpErrors(errors: string[], statuses: number[]): string[] {
  return errors.filter(
    (text) => !statuses.some((status) => text.includes(`the server responded with a status of ${status}`)),
  );
}

/**
 * Console errors of the shop's own pages. The payment sandbox's hosted page is another origin (and asks for a
 * /favicon.ico it does not have), so what it logs is left out.
 */
export function recordShopConsoleErrors(page: Page, sandboxUrl: string): string[] {
  const errors: string[] = [];
  const sandboxOrigin = new URL(sandboxUrl).origin;
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const source = message.location().url || page.url();
    if (!source.startsWith(sandboxOrigin)) errors.push(message.text());
  });
  page.on('pageerror', (error) => {
    if (!page.url().startsWith(sandboxOrigin)) errors.push(error.message);
  });
  return errors;
}

/** Two products with real images in one category, and a 10% code anyone may use once. */
export async function seedShop(stack: Stack, adminToken: string) {
  const category = await createCategory(stack.ctx, adminToken, { name: 'Kitchen', slug: 'kitchen', sortOrder: 0 });
  async function product(seed: { name: string; slug: string; price: number; stock: number }, colour: string) {
    const upload = await uploadImage(stack.ctx, adminToken, await pngImage(640, 480, colour));
    const images = [{ imageId: upload.body.id as string, alt: seed.name }];
    return createProduct(stack.ctx, adminToken, { ...seed, categoryId: category.id, images });
  }
  const kettle = await product({ name: 'Copper Kettle', slug: 'copper-kettle', price: 2000, stock: 5 }, '#cc6633');
  const apron = await product({ name: 'Linen Apron', slug: 'linen-apron', price: 1500, stock: 8 }, '#3366cc');
  const coupon = await request(stack.url, 'POST', '/api/admin/coupons', {
    token: adminToken,
    body: { code: 'WELCOME10', type: 'percent', value: 10, description: '10% off your order' },
  });
  if (coupon.status !== 201) throw new Error(`coupon: ${coupon.status} ${JSON.stringify(coupon.body)}`);
  return { category, kettle, apron };
}

/** Signs in through the real form and waits until the header shows the account. */
export async function signIn(page: Page, user: { email: string; password: string }, next?: string) {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => new URL(page.url()).pathname, WAIT).toBe(next?.split('?')[0] ?? '/');
}

/**
 * Opens a product page and adds `quantity` to the cart; waits for the drawer to confirm, runs `whileOpen`, then closes
 * the drawer with Escape.
 */
export async function addFromProductPage(
  page: Page,
  slug: string,
  name: string,
  quantity = 1,
  whileOpen?: () => Promise<void>,
) {
  await page.goto(`/p/${slug}`);
  if (quantity > 1) await page.getByLabel('Quantity', { exact: true }).fill(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  const drawer = page.getByRole('dialog', { name: 'Your cart' });
  await expect.poll(() => drawer.getByText(`Added ${quantity} × ${name} to your cart.`).isVisible(), WAIT).toBe(true);
  await whileOpen?.();
  await page.keyboard.press('Escape');
  await expect.poll(() => drawer.isVisible(), WAIT).toBe(false);
}

/** The header cart link's accessible name ("Cart, 3 items"). */
export async function cartLinkName(page: Page): Promise<string | null> {
  return page
    .getByRole('banner')
    .getByRole('link', { name: /^Cart, / })
    .getAttribute('aria-label');
}

/** The cart page's total as shown. */
export async function cartTotal(page: Page): Promise<string | null> {
  return page.getByTestId('cart-total').textContent();
}

/** Fills the sandbox's hosted payment page with the success card and pays. */
export async function payOnHostedPage(page: Page, email: string) {
  await page.getByRole('heading', { name: 'Pay with card' }).waitFor(WAIT);
  const emailField = page.getByLabel('Email');
  if ((await emailField.inputValue()) === '') await emailField.fill(email);
  await page.getByLabel('Card number').pressSequentially('4242424242424242');
  await page.getByLabel('Expiration (MM / YY)').pressSequentially('1234');
  await page.getByLabel('Security code (CVC)').fill('123');
  await page.getByLabel('Name on card').fill('Ada Lovelace');
  await page.getByRole('button', { name: /^Pay / }).click();
}

/** Arranges a paid order through the API and the hosted page (no browser): a new shopper buys `quantity` of a product. */
export async function paidOrder(stack: Stack, productId: string, quantity: number) {
  const shopper = await signedInUser(stack.ctx);
  const added = await request(stack.url, 'POST', '/api/cart/items', {
    token: shopper.accessToken,
    body: { productId, quantity },
  });
  if (added.status !== 200) throw new Error(`add to cart: ${added.status} ${JSON.stringify(added.body)}`);
  const started = await startCheckout(stack.ctx, shopper);
  await payHostedCheckout(started.body.checkoutUrl);
  const order = await waitForFulfilment(stack.ctx, shopper, started.body.orderId);
  return { shopper, order: order as { id: string; number: string; total: number } };
}

/** Fills the checkout address form (a UK address). */
export async function fillAddress(page: Page) {
  const address = page.getByRole('textbox', { name: 'Address', exact: true });
  await address.waitFor(WAIT);
  await address.fill('12 Analytical Street');
  await page.getByLabel('City').fill('London');
  await page.getByLabel('Postal code').fill('NW1 6XE');
  await page.getByLabel('Country').selectOption('GB');
  await page.getByLabel('Phone').fill('+44 20 7946 0000');
}
