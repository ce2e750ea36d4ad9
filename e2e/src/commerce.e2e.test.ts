import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAxeViolations } from '../../apps/web/src/test-support/axe.test-support.js';
import { request } from '../../apps/api/src/test-support/harness.test-support.js';
import {
  WAIT,
  addFromProductPage,
  cartLinkName,
  cartTotal,
  fillAddress,
  paidOrder,
  payOnHostedPage,
  recordShopConsoleErrors,
  seedShop,
  signIn,
  withoutHttpErrors,
} from './commerce-support.js';
import { startCheckout } from '../../apps/api/src/test-support/checkout.test-support.js';
import type { SignedIn } from '../../apps/api/src/test-support/auth.test-support.js';
import { createProduct, createUser, latestEmail, signedInUser, startStack, type Stack } from './support/stack.js';

let stack: Stack;
let adminToken: string;
let kettle: { id: string; slug: string; name: string };
let apron: { id: string; slug: string; name: string };

beforeAll(async () => {
  stack = await startStack({ AUTH_RATE_LIMIT_PER_IP: '1000' });
  const admin = await signedInUser(stack.ctx, { role: 'admin' });
  adminToken = admin.accessToken;
  ({ kettle, apron } = await seedShop(stack, adminToken));
});

afterAll(async () => {
  await stack?.close();
});

describe('cart, coupons and checkout in the browser (real API, payment sandbox, Chromium)', () => {
  it('when a guest fills a cart, signs in and applies a code, then the carts merge and the total drops by the discount', async () => {
    const shopper = await createUser(stack.ctx, { name: 'Grace Guest' });
    const login = await request(stack.url, 'POST', '/api/auth/login', {
      body: { email: shopper.email, password: shopper.password },
    });
    await request(stack.url, 'POST', '/api/cart/items', {
      token: login.body.accessToken,
      body: { productId: kettle.id, quantity: 1 },
    });
    const { page, context, consoleErrors } = await stack.newPage();

    await addFromProductPage(page, kettle.slug, kettle.name, 1, async () => {
      // The drawer is modal: focus is inside it, and it passes axe while open.
      expect(await page.evaluate(() => document.activeElement?.closest('dialog')?.open)).toBe(true);
      expect(await findAxeViolations(page)).toEqual([]);
    });
    await addFromProductPage(page, apron.slug, apron.name, 2);
    expect(await cartLinkName(page)).toBe('Cart, 3 items');
    await page.goto('/cart');
    await expect.poll(() => cartTotal(page), WAIT).toBe('$50.00');
    expect(await findAxeViolations(page)).toEqual([]);
    await page.getByRole('main').getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.waitForURL('**/login?next=%2Fcart', WAIT);
    await page.getByLabel('Email').fill(shopper.email);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(shopper.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.waitForURL('**/cart', WAIT);
    await expect
      .poll(() => page.getByRole('spinbutton', { name: 'Quantity of Copper Kettle' }).inputValue(), WAIT)
      .toBe('2');
    expect(await page.getByRole('spinbutton', { name: 'Quantity of Linen Apron' }).inputValue()).toBe('2');
    await expect.poll(() => cartLinkName(page), WAIT).toBe('Cart, 4 items');
    expect(await page.evaluate(() => localStorage.getItem('mercato.guest-cart'))).toBeNull();
    const before = await cartTotal(page);
    await page.getByLabel('Discount code').fill('nope-code');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(() => page.getByText('This code is not valid. Check the spelling and try again.').isVisible(), WAIT)
      .toBe(true);
    await page.getByLabel('Discount code').fill('welcome10');
    await page.getByRole('button', { name: 'Apply' }).click();

    await expect.poll(() => cartTotal(page), WAIT).toBe('$63.00');
    expect(before).toBe('$70.00');
    expect(await page.getByText('Discount (WELCOME10)').isVisible()).toBe(true);
    expect(await findAxeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(withoutHttpErrors(consoleErrors, [422])).toEqual([]);
    await context.close();
  });

  it('when a shopper checks out with a code and pays with the success card, then the order is confirmed, emailed (read in the outbox) and listed for staff', async () => {
    const shopper = await createUser(stack.ctx, { name: 'Ada Buyer' });
    const { page, context } = await stack.newPage();
    const consoleErrors = recordShopConsoleErrors(page, stack.ctx.sandbox.url);
    await signIn(page, shopper);
    await addFromProductPage(page, kettle.slug, kettle.name);
    await addFromProductPage(page, apron.slug, apron.name);
    await page.goto('/cart');
    await page.getByLabel('Discount code').fill('WELCOME10');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => cartTotal(page), WAIT).toBe('$36.49');
    await page.getByRole('link', { name: 'Checkout' }).click();

    await page.waitForURL('**/checkout', WAIT);
    const address = page.getByRole('textbox', { name: 'Address', exact: true });
    await address.waitFor(WAIT);
    expect(await page.getByLabel('Full name').inputValue()).toBe('Ada Buyer');
    expect(await findAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Pay $36.49' }).click();
    await expect.poll(() => page.getByText('Address is required').isVisible(), WAIT).toBe(true);
    await fillAddress(page);
    await page.getByRole('button', { name: 'Pay $36.49' }).click();
    await payOnHostedPage(page, shopper.email);

    await page.waitForURL('**/checkout/success?session_id=*', WAIT);
    const confirmed = page.getByRole('heading', { name: 'Thank you! Your order is confirmed.' });
    await expect.poll(() => confirmed.isVisible(), WAIT).toBe(true);
    await expect.poll(() => cartLinkName(page), WAIT).toBe('Cart, 0 items');
    await expect
      .poll(async () => (await latestEmail(stack.ctx, shopper.email, 'order.confirmation'))?.text ?? '', WAIT)
      .toContain('Copper Kettle');
    const email = await latestEmail(stack.ctx, shopper.email, 'order.confirmation');
    expect(email?.text).toContain('36.49');
    const bell = page.getByRole('banner').getByRole('button', { name: /^Notifications/ });
    await expect.poll(() => bell.getAttribute('aria-label'), WAIT).toBe('Notifications, 1 unread');
    await bell.click();
    const panel = page.getByRole('region', { name: 'Notifications' });
    expect(await panel.getByText(/^New: Order M-\d+ confirmed$/).count()).toBe(1);
    expect(await findAxeViolations(page)).toEqual([]);
    await expect.poll(() => bell.getAttribute('aria-label'), WAIT).toBe('Notifications');
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: 'View your order' }).click();
    await expect.poll(() => page.getByRole('heading', { name: /^Order / }).isVisible(), WAIT).toBe(true);
    expect(await page.getByRole('list').filter({ hasText: 'Paid' }).count()).toBeGreaterThan(0);
    expect(await findAxeViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    const number = (await page.getByRole('heading', { name: /^Order / }).textContent())?.replace(/^Order /, '') ?? '';
    expect(number).toMatch(/^M-\d+$/);
    await context.close();

    // Staff read the confirmation in the development outbox and find the very order in the admin list.
    const admin = await createUser(stack.ctx, { role: 'admin', name: 'Otto Outbox' });
    const staff = await stack.newPage();
    await signIn(staff.page, admin, `/admin/outbox?to=${encodeURIComponent(shopper.email)}`);
    const emails = staff.page.getByRole('table', { name: 'Emails, newest first' });
    await emails.getByRole('link', { name: `Order ${number} confirmed` }).click();
    const frame = staff.page.frameLocator('iframe[title^="Email:"]');
    await expect.poll(() => frame.getByText('Copper Kettle').first().isVisible(), WAIT).toBe(true);
    await staff.page.goto('/admin/orders');
    await staff.page.getByLabel('Search orders').fill(number);
    await staff.page.getByRole('button', { name: 'Search' }).click();
    await staff.page.getByRole('link', { name: number }).click();
    await staff.page.getByRole('heading', { name: `Order ${number}` }).waitFor(WAIT);
    expect(await staff.page.getByRole('button', { name: 'Mark as shipped' }).isVisible()).toBe(true);
    expect(staff.consoleErrors).toEqual([]);
    await staff.context.close();
  });

  it('when an admin finds a paid order, marks it shipped and refunds it in full, then status, timeline and emails follow', async () => {
    const { shopper, order: paid } = await paidOrder(stack, apron.id, 2);
    const admin = await createUser(stack.ctx, { role: 'admin', name: 'Olga Admin' });
    const { page, context, consoleErrors } = await stack.newPage();

    await signIn(page, admin, '/admin/orders');
    await page.getByLabel('Status').selectOption('paid');
    await page.waitForURL(/status=paid/, WAIT);
    const row = page.getByRole('link', { name: paid.number });
    await row.waitFor(WAIT);
    expect(await findAxeViolations(page)).toEqual([]);
    await row.click();
    await page.getByRole('heading', { name: `Order ${paid.number}` }).waitFor(WAIT);
    expect(await page.getByRole('button', { name: 'Mark as delivered' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Mark as shipped' }).click();
    await page.getByRole('button', { name: 'Mark as delivered' }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Refund' }).click();
    const dialog = page.getByRole('dialog', { name: `Refund order ${paid.number}` });
    await dialog.getByLabel('Put the items back in stock').check();
    expect(await findAxeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: /^Refund / }).dblclick();

    await page.getByText('No further actions for this order.').waitFor(WAIT);
    const timeline = page.getByRole('list', { name: 'Timeline' });
    expect(await timeline.getByText('Shipped', { exact: true }).count()).toBe(1);
    expect(await timeline.getByText('Refunded', { exact: true }).count()).toBe(1);
    const order = await request(stack.url, 'GET', `/api/admin/orders/${paid.id}`, { token: adminToken });
    expect(order.body).toMatchObject({ status: 'refunded', amountRefunded: paid.total });
    expect(order.body.refunds).toHaveLength(1);
    await expect.poll(() => latestEmail(stack.ctx, shopper.email, 'order.shipped'), WAIT).not.toBeNull();
    await expect.poll(() => latestEmail(stack.ctx, shopper.email, 'order.refunded'), WAIT).not.toBeNull();
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when an admin creates and deactivates a code and opens the dashboard, then the list and the sales figures show it', async () => {
    await paidOrder(stack, kettle.id, 3);
    const admin = await createUser(stack.ctx, { role: 'admin', name: 'Olga Admin' });
    const { page, context, consoleErrors } = await stack.newPage();
    await signIn(page, admin, '/admin/coupons');

    await page.getByRole('button', { name: 'New coupon' }).click();
    const dialog = page.getByRole('dialog', { name: 'New coupon' });
    await dialog.getByLabel('Code').fill('spring-5');
    await dialog.getByLabel('Type').selectOption('fixed');
    await dialog.getByLabel('Amount (USD)').fill('5.05');
    await dialog.getByLabel('Minimum subtotal (USD)').fill('20');
    await dialog.getByLabel('Total uses').fill('100');
    expect(await findAxeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Create coupon' }).click();
    const row = page.getByRole('row', { name: /SPRING-5/ });
    await row.waitFor(WAIT);
    expect(await row.textContent()).toContain('$5.05');
    expect(await row.textContent()).toContain('0 redeemed of 100');
    await row.getByRole('button', { name: 'Deactivate SPRING-5' }).click();
    await expect.poll(() => row.getByText('Inactive').isVisible(), WAIT).toBe(true);
    const stored = await request(stack.url, 'GET', '/api/admin/coupons?q=SPRING', { token: adminToken });
    expect(stored.body.items).toEqual([
      expect.objectContaining({ code: 'SPRING-5', value: 505, minSubtotal: 2000, usageLimit: 100, active: false }),
    ]);
    expect(await findAxeViolations(page)).toEqual([]);

    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('button', { name: 'Last 7 days' }).click();
    await page.waitForURL(/range=7d/, WAIT);
    const topProducts = page.getByRole('table', { name: 'Top products' });
    await expect.poll(() => topProducts.getByRole('row', { name: /Copper Kettle/ }).isVisible(), WAIT).toBe(true);
    expect(await page.getByRole('img', { name: /^Daily revenue from / }).count()).toBe(1);
    expect(await findAxeViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when the price changes during checkout and the shopper then leaves the payment page, then the change is explained and the cart kept', async () => {
    const board = await createProduct(stack.ctx, adminToken, {
      name: 'Oak Board',
      slug: 'oak-board',
      price: 3000,
      stock: 5,
    });
    const shopper = await createUser(stack.ctx, { name: 'Cleo Changes' });
    const { page, context } = await stack.newPage();
    const consoleErrors = recordShopConsoleErrors(page, stack.ctx.sandbox.url);
    await signIn(page, shopper);
    await addFromProductPage(page, board.slug, board.name);
    await page.goto('/checkout');
    await fillAddress(page);
    await request(stack.url, 'PATCH', `/api/admin/products/${board.id}`, { token: adminToken, body: { price: 3500 } });

    await page.getByRole('button', { name: 'Pay $34.99' }).click();

    const alert = page.getByRole('alert').filter({ hasText: 'Oak Board now costs $35.00 (was $30.00).' });
    await alert.waitFor(WAIT);
    expect(await alert.textContent()).toContain('The total is now $39.99 (was $34.99).');
    await page.getByRole('button', { name: 'Pay $39.99' }).click();
    await page.getByRole('link', { name: '← Cancel and return to the shop' }).click();
    await page.getByRole('heading', { name: 'Payment cancelled' }).waitFor(WAIT);
    await page.getByRole('link', { name: 'Back to your cart' }).click();
    await page.getByRole('spinbutton', { name: 'Quantity of Oak Board' }).waitFor(WAIT);
    await page.goto('/orders');
    const cancelled = page.getByRole('listitem').filter({ hasText: 'Cancelled' });
    await expect.poll(() => cancelled.count(), WAIT).toBe(1);

    const api = await request(stack.url, 'POST', '/api/auth/login', {
      body: { email: shopper.email, password: shopper.password },
    });
    const pending = await startCheckout(stack.ctx, { accessToken: api.body.accessToken } as SignedIn);
    await page.goto(`/orders/${pending.body.orderId}`);
    const resume = page.getByRole('link', { name: 'Resume payment' });
    await resume.waitFor(WAIT);
    expect(await resume.getAttribute('href')).toBe(pending.body.checkoutUrl);
    expect(await findAxeViolations(page)).toEqual([]);
    expect(withoutHttpErrors(consoleErrors, [409])).toEqual([]);
    await context.close();
  });
});
