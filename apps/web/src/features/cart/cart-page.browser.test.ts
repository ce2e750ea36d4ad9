import type { TCart, TCartLine } from '@mercato/shared';
import { launchBrowser } from '@mercato/testkit';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAxeViolations } from '../../test-support/axe.test-support.js';
import { buildWebApp, type WebBuild } from '../../test-support/build-web.test-support.js';
import { startStaticServer, type StaticServer } from '../../test-support/static-server.test-support.js';

let web: WebBuild;
let server: StaticServer;
let browser: Browser;

function line(name: string, patch: Partial<TCartLine>): TCartLine {
  const unitPrice = patch.unitPrice ?? 1000;
  const quantity = patch.quantity ?? 1;
  const productId = name
    .toLowerCase()
    .padEnd(24, 'a')
    .replace(/[^a-f0-9]/g, 'b')
    .slice(0, 24);
  return {
    productId,
    variantId: productId,
    variantTitle: 'Default',
    sku: name.toUpperCase(),
    slug: name.toLowerCase(),
    name,
    image: null,
    unitPrice,
    quantity,
    lineTotal: unitPrice * quantity,
    available: 10,
    isPurchasable: true,
    notices: [],
    ...patch,
  };
}

function cartOf(lines: TCartLine[]): TCart {
  const subtotal = lines.filter((entry) => entry.isPurchasable).reduce((sum, entry) => sum + entry.lineTotal, 0);
  return {
    lines,
    itemCount: lines.reduce((sum, entry) => sum + entry.quantity, 0),
    currency: 'USD',
    subtotal,
    discount: 0,
    shipping: 499,
    total: subtotal + 499,
    freeShippingRemaining: 5000 - subtotal,
    coupon: null,
    couponProblem: null,
    canCheckout: lines.every((entry) => entry.isPurchasable && entry.quantity <= entry.available),
    fingerprint: 'fingerprint-1',
    updatedAt: '2026-03-12T12:00:00.000Z',
  };
}

const json = (route: Route, body: unknown) =>
  route.fulfill({ status: 200, contentType: 'application/json', json: body });

/** A signed-in shopper without an API: the session hint, a stubbed silent refresh, and the side queries. */
async function actAsShopper(page: Page): Promise<void> {
  await page.addInitScript(() => localStorage.setItem('mercato.has-session', '1'));
  const user = { id: 'c'.repeat(24), email: 'ada@example.com', name: 'Ada', role: 'customer' };
  await page.route('**/api/auth/refresh', (route) =>
    json(route, {
      accessToken: 'test-token',
      tokenType: 'Bearer',
      expiresIn: 900,
      user: { ...user, createdAt: '2026-01-01T00:00:00.000Z', marketingOptIn: false },
    }),
  );
  await page.route('**/api/notifications', (route) => json(route, { items: [], unreadCount: 0 }));
  await page.route('**/api/account/coupons', (route) => json(route, { items: [] }));
}

beforeAll(async () => {
  web = await buildWebApp();
  server = await startStaticServer(web.outDir);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await web?.remove();
});

describe('cart page in Chromium (production build, stubbed API)', () => {
  it('when lines changed price, ran short or went away, then each says so, checkout waits, and "Got it" clears the price notice', async () => {
    const pricier = line('Kettle', { unitPrice: 1200, notices: [{ type: 'price_changed', previousPrice: 1000 }] });
    const short = line('Apron', { quantity: 3, available: 2, notices: [{ type: 'insufficient_stock', available: 2 }] });
    const gone = line('Board', { isPurchasable: false, available: 0, notices: [{ type: 'unavailable' }] });
    const page = await browser.newPage();
    await actAsShopper(page);
    await page.route('**/api/cart', (route) => json(route, cartOf([pricier, short, gone])));
    let acknowledged = 0;
    await page.route('**/api/cart/acknowledge', (route) => {
      acknowledged += 1;
      return json(route, cartOf([{ ...pricier, notices: [] }, short, gone]));
    });

    await page.goto(`${server.url}/cart`);

    const lines = page.getByRole('list', { name: 'Items in your cart' });
    await lines.waitFor({ timeout: 15_000 });
    expect(await lines.textContent()).toContain('The price went up from $10.00 to $12.00 since you added it.');
    expect(await lines.textContent()).toContain('Only 2 left. Lower the quantity to 2 to check out.');
    expect(await lines.textContent()).toContain('No longer available. Remove it to check out.');
    expect(await page.getByRole('button', { name: 'Checkout' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Increase quantity of Apron' }).isDisabled()).toBe(true);
    expect(await page.getByRole('spinbutton', { name: 'Quantity of Board' }).count()).toBe(0);
    expect(
      await page.getByRole('progressbar', { name: 'Progress towards free shipping' }).getAttribute('aria-valuenow'),
    ).toBe('84');
    expect(await findAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Got it' }).click();

    await expect.poll(() => lines.getByText('The price went up').count(), { timeout: 10_000 }).toBe(0);
    expect(acknowledged).toBe(1);
    await page.close();
  });

  it('when a guest cart is stored, then it is priced by the preview endpoint with only ids and quantities sent', async () => {
    const page = await browser.newPage();
    const stored = { v: 1, items: [{ productId: 'a'.repeat(24), quantity: 2 }] };
    await page.addInitScript((value) => localStorage.setItem('mercato.guest-cart', value), JSON.stringify(stored));
    const bodies: unknown[] = [];
    await page.route('**/api/cart/preview', (route) => {
      bodies.push(route.request().postDataJSON());
      return json(route, cartOf([line('Kettle', { productId: 'a'.repeat(24), quantity: 2 })]));
    });

    await page.goto(`${server.url}/cart`);

    await page.getByRole('spinbutton', { name: 'Quantity of Kettle' }).waitFor({ timeout: 15_000 });
    expect(bodies[0]).toEqual({ items: [{ productId: 'a'.repeat(24), quantity: 2 }] });
    expect(await page.getByRole('banner').getByRole('link', { name: 'Cart, 2 items' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Sign in to check out' }).getAttribute('href')).toBe('/checkout');
    await page.getByRole('button', { name: 'Decrease quantity of Kettle' }).click();

    await expect.poll(() => page.evaluate(() => localStorage.getItem('mercato.guest-cart'))).toContain('"quantity":1');
    await page.close();
  });
});
