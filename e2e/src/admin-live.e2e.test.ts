import type { BrowserContextOptions, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAxeViolations } from '../../apps/web/src/test-support/axe.test-support.js';
import { login } from '../../apps/api/src/test-support/auth.test-support.js';
import { request } from '../../apps/api/src/test-support/harness.test-support.js';
import { WAIT, paidOrder, seedShop, signIn, withoutHttpErrors } from './commerce-support.js';
import { createUser, signedInUser, startStack, type Stack } from './support/stack.js';

let stack: Stack;
let kettle: { id: string; slug: string; name: string };
let apron: { id: string; slug: string; name: string };

beforeAll(async () => {
  stack = await startStack({
    // Every journey signs in from 127.0.0.1: lift the per-IP auth throttle the API applies to real traffic.
    AUTH_RATE_LIMIT_PER_IP: '1000',
    // A short window, so the throttled sign-in below runs its countdown to the end within the test.
    AUTH_RATE_LIMIT_PER_ACCOUNT: '5',
    AUTH_RATE_LIMIT_WINDOW_SECONDS: '6',
    // Any paid order earns a personal code, so the account page has one to list.
    LOYALTY_THRESHOLD: '1000',
  });
  const admin = await signedInUser(stack.ctx, { role: 'admin' });
  ({ kettle, apron } = await seedShop(stack, admin.accessToken));
});

afterAll(async () => {
  await stack?.close();
});

/** Like `stack.newPage()`, with context options (a time zone, clipboard permissions). */
async function newPageWith(options: BrowserContextOptions) {
  const context = await stack.browser.newContext({ baseURL: stack.url, ...options });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return { page, context, consoleErrors };
}

const usd = (minor: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);

/** The figure of a dashboard card ("Orders" → "2"). */
function cardValue(page: Page, label: string) {
  return page
    .locator('dl > div')
    .filter({ has: page.locator('dt', { hasText: label }) })
    .locator('dd')
    .first();
}

describe('live dashboard, users and account screens (real API, payment sandbox, Chromium)', () => {
  it('when a shopper pays while the dashboard is open, then revenue and orders update without a reload and the sale is announced', async () => {
    const first = await paidOrder(stack, kettle.id, 1);
    const admin = await createUser(stack.ctx, { role: 'admin', name: 'Lina Live' });
    const { page, context, consoleErrors } = await newPageWith({ timezoneId: 'Pacific/Auckland' });
    const summaryQueries: URL[] = [];
    page.on('request', (sent) => {
      if (sent.url().includes('/api/admin/analytics/sales')) summaryQueries.push(new URL(sent.url()));
    });
    await signIn(page, admin, '/admin');
    const live = page.getByRole('status').filter({ hasText: /^Live/ });
    await expect.poll(() => live.isVisible(), WAIT).toBe(true);
    await expect.poll(() => cardValue(page, 'Orders').textContent(), WAIT).toBe('1');
    expect(await cardValue(page, 'Revenue').textContent()).toBe(usd(first.order.total));
    expect(await page.getByText(/\(days in Pacific\/Auckland\)$/).isVisible()).toBe(true);
    expect(summaryQueries.at(-1)?.searchParams.get('tz')).toBe('Pacific/Auckland');
    await page.evaluate(() => Object.assign(window, { beforeTheSale: true }));

    const second = await paidOrder(stack, apron.id, 2);
    const paidAt = Date.now();

    await expect.poll(() => cardValue(page, 'Orders').textContent(), { timeout: 10_000 }).toBe('2');
    const latencyMs = Date.now() - paidAt;
    expect(await cardValue(page, 'Revenue').textContent()).toBe(usd(first.order.total + second.order.total));
    expect(await page.getByText('1 new sale since you opened this page').isVisible()).toBe(true);
    expect(await page.evaluate(() => 'beforeTheSale' in window)).toBe(true);
    // The fallback poll runs every minute and only while disconnected: this update came from the stream.
    expect(latencyMs).toBeLessThan(10_000);
    console.info(`dashboard updated ${latencyMs} ms after the paid order was fulfilled`);
    expect(await findAxeViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when the live stream drops, then the dashboard says it is reconnecting and is live again on its own', async () => {
    const admin = await createUser(stack.ctx, { role: 'admin', name: 'Rita Reconnect' });
    const { page, context, consoleErrors } = await newPageWith({});
    let streams = 0;
    // The first connection ends right after its greeting, as when an API instance shuts down; later ones are real.
    await page.route('**/api/admin/analytics/stream', async (route) => {
      streams += 1;
      if (streams > 1) return route.continue();
      return route.fulfill({
        status: 200,
        headers: { 'content-type': 'text/event-stream; charset=utf-8' },
        body: 'retry: 3000\nevent: ready\ndata: {}\n\n',
      });
    });
    await signIn(page, admin, '/admin');

    const status = page.getByRole('status').filter({ hasText: /^(Live|Reconnecting)/ });
    await expect.poll(() => status.textContent(), WAIT).toMatch(/^Reconnecting…/);
    await expect.poll(() => status.textContent(), WAIT).toMatch(/^Live/);
    expect(streams).toBe(2);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when an admin disables a customer on the users screen, then the customer cannot sign in', async () => {
    const admin = await createUser(stack.ctx, { role: 'admin', name: 'Uma Users' });
    const customer = await createUser(stack.ctx, { name: 'Carl Customer' });
    const { page, context, consoleErrors } = await stack.newPage();
    await signIn(page, admin, '/admin');
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor(WAIT);

    await page.getByLabel('Role').selectOption('admin');
    await page.waitForURL(/role=admin/, WAIT);
    const ownRow = page.getByRole('row', { name: new RegExp(admin.email) });
    await expect.poll(() => ownRow.getByText('You', { exact: true }).isVisible(), WAIT).toBe(true);
    expect(await ownRow.getByRole('button').count()).toBe(0);
    await page.getByLabel('Role').selectOption('');
    await page.getByLabel('Search users').fill(customer.email);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === customer.email, WAIT);
    const row = page.getByRole('row', { name: new RegExp(customer.email) });
    await row.waitFor(WAIT);
    expect(await findAxeViolations(page)).toEqual([]);
    await row.getByRole('button', { name: /^Disable/ }).click();
    const dialog = page.getByRole('dialog', { name: "Disable Carl Customer's account?" });
    await dialog.waitFor(WAIT);
    expect(await findAxeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Disable account' }).click();

    await expect.poll(() => page.getByText("Carl Customer's account is disabled").isVisible(), WAIT).toBe(true);
    await expect.poll(() => row.getByText('Disabled', { exact: true }).isVisible(), WAIT).toBe(true);
    expect(await row.getByRole('button', { name: /^Enable/ }).isVisible()).toBe(true);
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const shopper = await stack.newPage();
    await shopper.page.goto('/login');
    await shopper.page.getByLabel('Email').fill(customer.email);
    await shopper.page.getByRole('textbox', { name: 'Password', exact: true }).fill(customer.password);
    await shopper.page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(
        () => shopper.page.getByRole('alert').filter({ hasText: 'This account has been disabled' }).isVisible(),
        WAIT,
      )
      .toBe(true);
    expect(new URL(shopper.page.url()).pathname).toBe('/login');
    expect(withoutHttpErrors(shopper.consoleErrors, [403])).toEqual([]);

    await page.goto(`/admin/users?q=${'x'.repeat(101)}`);
    const search = page.getByLabel('Search users');
    await expect.poll(() => search.getAttribute('aria-invalid'), WAIT).toBe('true');
    expect(withoutHttpErrors(consoleErrors, [400])).toEqual([]);
    await shopper.context.close();
    await context.close();
  });

  it('when a shopper signs out all other devices, then only this one is listed and their personal code can be copied', async () => {
    const { shopper } = await paidOrder(stack, kettle.id, 1);
    const other = await login(stack.ctx, shopper.email, shopper.password, 'curl/8.5.0');
    // The loyalty code is issued as the order is fulfilled: wait for it, the page reads the list once.
    await expect
      .poll(
        async () =>
          (await request(stack.url, 'GET', '/api/account/coupons', { token: other.accessToken })).body.items.length,
        WAIT,
      )
      .toBe(1);
    const { page, context, consoleErrors } = await newPageWith({});
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.url });
    await signIn(page, shopper, '/account');
    const devices = page.getByRole('list', { name: 'Signed-in devices' });
    await expect.poll(() => devices.getByRole('listitem').count(), WAIT).toBe(3);
    const coupons = page.getByRole('list', { name: 'Your coupons' });
    await expect.poll(() => coupons.getByText(/^THANKS-/).isVisible(), WAIT).toBe(true);
    expect(await coupons.textContent()).toContain('10% off');
    expect(await findAxeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Sign out all other devices' }).click();

    await expect.poll(() => page.getByText('2 other devices signed out').isVisible(), WAIT).toBe(true);
    await expect.poll(() => devices.getByRole('listitem').count(), WAIT).toBe(1);
    expect(await devices.getByText('This device').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Sign out all other devices' }).isDisabled()).toBe(true);
    const revoked = await request(stack.url, 'GET', '/api/auth/me', { token: other.accessToken });
    expect(revoked.body.code).toBe('SESSION_REVOKED');
    const code = await coupons.getByText(/^THANKS-/).textContent();
    await coupons.getByRole('button', { name: `Copy code ${code}` }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), WAIT).toBe(code);
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when payments go to the sandbox, then checkout shows which test card pays', async () => {
    const shopper = await createUser(stack.ctx, { name: 'Tess Tester' });
    const { page, context, consoleErrors } = await stack.newPage();
    await signIn(page, shopper);
    const session = await login(stack.ctx, shopper.email, shopper.password);
    await request(stack.url, 'POST', '/api/cart/items', {
      token: session.accessToken,
      body: { productId: apron.id, quantity: 1 },
    });

    await page.goto('/checkout');

    const hint = page.getByText(/^Test mode: no real payment is taken/);
    await expect.poll(() => hint.isVisible(), WAIT).toBe(true);
    expect(await hint.textContent()).toContain('4242 4242 4242 4242');
    expect(await findAxeViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when sign-in is throttled, then the form counts down the wait the API asked for, then lets the user retry', async () => {
    const email = `nobody-${Date.now()}@example.com`;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await request(stack.url, 'POST', '/api/auth/login', { body: { email, password: 'wrong-password' } });
    }
    const { page, context, consoleErrors } = await stack.newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('wrong-password');
    const submit = page.getByRole('button', { name: 'Sign in' });

    await submit.click();

    const timer = page.getByRole('timer');
    await expect.poll(() => timer.isVisible(), WAIT).toBe(true);
    expect(await timer.textContent()).toMatch(/^\d seconds?$/);
    expect(await submit.isDisabled()).toBe(true);
    expect(await findAxeViolations(page)).toEqual([]);
    await expect.poll(() => page.getByText('You can try again now.').isVisible(), WAIT).toBe(true);
    expect(await submit.isDisabled()).toBe(false);
    expect(withoutHttpErrors(consoleErrors, [429])).toEqual([]);
    await context.close();
  });
});
