import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAxeViolations } from '../../apps/web/src/test-support/axe.test-support.js';
import { storeMail } from '../../apps/api/src/test-support/mail.test-support.js';
import { createUser, latestEmail, startStack, type Stack } from './support/stack.js';

/** Accessible name of the header's account button once signed in (the name is shown, "Account:" is for readers). */
function accountButton(page: Page, name: string) {
  return page.getByRole('banner').getByRole('button', { name: `Account: ${name}` });
}

/** Fills and submits the sign-in form on the page that is open. */
async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Opens /login (optionally with ?next=) and signs in through the form. */
async function signInThroughUi(page: Page, email: string, password: string, next?: string): Promise<void> {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  await submitLogin(page, email, password);
}

/** Waits until the header shows `name` signed in. */
async function expectSignedIn(page: Page, name: string): Promise<void> {
  await expect.poll(() => accountButton(page, name).isVisible(), WAIT).toBe(true);
}

/** Waits until the header offers "Sign in". */
async function expectSignedOut(page: Page): Promise<void> {
  const link = page.getByRole('banner').getByRole('link', { name: 'Sign in' });
  await expect.poll(() => link.isVisible(), WAIT).toBe(true);
}

/** Chromium logs every 4xx answer as a console error; journeys that expect one (wrong password) drop just those. */
function withoutExpectedHttpErrors(errors: string[], statuses: number[]): string[] {
  return errors.filter(
    (text) => !statuses.some((status) => text.includes(`the server responded with a status of ${status}`)),
  );
}

/** The first link of an email's plain text that starts with `prefix`. */
function linkFrom(text: string, prefix: string): string {
  const link = text.split(/\s+/).find((word) => word.startsWith(prefix));
  if (!link) throw new Error(`no link starting with ${prefix} in: ${text}`);
  return link;
}

// Chromium on a busy 2-core machine: give UI reactions (lazy chunks, bcrypt-backed requests) time to land.
const WAIT = { timeout: 15_000 } as const;

let stack: Stack;

beforeAll(async () => {
  // Every journey signs in from 127.0.0.1: lift the per-IP auth throttle the API applies to real traffic.
  stack = await startStack({ AUTH_RATE_LIMIT_PER_IP: '1000' });
});

afterAll(async () => {
  await stack?.close();
});

describe('accounts in the browser (real API, built web app, Chromium)', () => {
  it('when a shopper signs up and opens the confirmation link an admin finds in the outbox, then the shopper is signed in', async () => {
    const shopper = await stack.newPage();
    const email = `ada-${Date.now()}@example.com`;
    await shopper.page.goto('/signup');
    await shopper.page.getByLabel('Name').fill('Ada Lovelace');
    await shopper.page.getByLabel('Email').fill(email);
    await shopper.page.getByRole('textbox', { name: 'Password', exact: true }).fill('analytical-engine');
    await shopper.page.getByRole('button', { name: 'Create account' }).click();
    await expect
      .poll(() => shopper.page.getByRole('heading', { name: 'Check your email' }).isVisible(), WAIT)
      .toBe(true);

    const admin = await stack.newPage();
    const adminUser = await createUser(stack.ctx, { role: 'admin', name: 'Grace Admin' });
    await signInThroughUi(admin.page, adminUser.email, adminUser.password, '/admin/outbox');
    await admin.page.getByLabel('Recipient').fill(email);
    await admin.page.getByLabel('Recipient').press('Enter');
    const subject = admin.page.getByRole('link', { name: /^Confirm your email/ });
    await expect.poll(() => subject.count(), WAIT).toBe(1);
    await subject.click();
    const confirm = admin.page.frameLocator('iframe[title^="Email:"]').getByRole('link', { name: 'Confirm my email' });
    const href = await confirm.getAttribute('href', WAIT);
    expect(href).toMatch(/\/verify-email\?token=/);
    expect(await confirm.getAttribute('target')).toBe('_blank');

    await shopper.page.goto(href ?? '');

    await expect
      .poll(() => shopper.page.getByRole('heading', { name: 'Your email is confirmed' }).isVisible(), WAIT)
      .toBe(true);
    await expectSignedIn(shopper.page, 'Ada Lovelace');
    expect(shopper.consoleErrors).toEqual([]);
    expect(admin.consoleErrors).toEqual([]);
    await shopper.context.close();
    await admin.context.close();
  });

  it('when a user logs in, reloads, logs out and reloads, then the session survives the first reload and not the second', async () => {
    const user = await createUser(stack.ctx, { name: 'Linus Reload' });
    const { page, context, consoleErrors } = await stack.newPage();

    await signInThroughUi(page, user.email, user.password);
    await expectSignedIn(page, 'Linus Reload');
    expect(new URL(page.url()).pathname).toBe('/');
    await page.reload();
    await expectSignedIn(page, 'Linus Reload');

    await accountButton(page, 'Linus Reload').click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expectSignedOut(page);
    await page.reload();
    await page.waitForLoadState('networkidle');

    await expectSignedOut(page);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when a user resets a forgotten password through the emailed link, then only the new password signs in', async () => {
    const user = await createUser(stack.ctx, { name: 'Rosa Reset' });
    const { page, context, consoleErrors } = await stack.newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Email').fill(user.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Check your email' }).isVisible(), WAIT).toBe(true);
    // The API answers before it writes the reset email (so timing never tells whether an account exists).
    await expect.poll(() => latestEmail(stack.ctx, user.email, 'auth.reset-password'), WAIT).not.toBeNull();
    const email = await latestEmail(stack.ctx, user.email, 'auth.reset-password');
    const link = linkFrom(email?.text ?? '', `${stack.url}/reset-password?token=`);

    await page.goto(link);
    await page.getByLabel('New password').fill('a-brand-new-secret');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.waitForURL('**/login');
    const notice = page.getByRole('status').filter({ hasText: 'Your password has been changed' });
    await expect.poll(() => notice.isVisible(), WAIT).toBe(true);
    await submitLogin(page, user.email, user.password);
    await expect
      .poll(() => page.getByRole('main').getByRole('alert').textContent(), WAIT)
      .toContain('Invalid email or password');
    await submitLogin(page, user.email, 'a-brand-new-secret');

    await expectSignedIn(page, 'Rosa Reset');
    expect(withoutExpectedHttpErrors(consoleErrors, [401])).toEqual([]);
    await context.close();
  });

  it('when a signed-out visitor opens /account, then they sign in and land back on it, with this device listed', async () => {
    const user = await createUser(stack.ctx, { name: 'Kim Return' });
    const { page, context, consoleErrors } = await stack.newPage();

    await page.goto('/account');
    await page.waitForURL('**/login?next=%2Faccount');
    await submitLogin(page, user.email, user.password);

    await page.waitForURL('**/account');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe('Your account');
    const devices = page.getByRole('list', { name: 'Signed-in devices' });
    await expect.poll(() => devices.getByText('This device').isVisible(), WAIT).toBe(true);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when a user renames themselves and signs out another device, then the header and the device list follow', async () => {
    const user = await createUser(stack.ctx, { name: 'Old Name' });
    const other = await fetch(`${stack.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'curl/8.5.0' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    expect(other.status).toBe(200);
    const { page, context, consoleErrors } = await stack.newPage();
    await signInThroughUi(page, user.email, user.password, '/account');
    await page.waitForURL('**/account');

    await page.getByLabel('Name').fill('New Name');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectSignedIn(page, 'New Name');
    const devices = page.getByRole('list', { name: 'Signed-in devices' });
    await devices.getByRole('button', { name: /^Sign out curl\/8\.5\.0/ }).click();

    await expect.poll(() => devices.getByRole('listitem').count(), WAIT).toBe(1);
    expect(await devices.getByText('This device').isVisible()).toBe(true);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when a customer opens the admin area, then a 403 page shows; when signed out, then the login page does', async () => {
    const customer = await createUser(stack.ctx, { name: 'Cora Customer' });
    const signedIn = await stack.newPage();
    await signInThroughUi(signedIn.page, customer.email, customer.password);
    await expectSignedIn(signedIn.page, 'Cora Customer');
    const signedOut = await stack.newPage();

    await signedIn.page.goto('/admin/outbox');
    await signedOut.page.goto('/admin/outbox');

    await expect
      .poll(() => signedIn.page.getByRole('heading', { name: 'This area is for shop staff' }).isVisible(), WAIT)
      .toBe(true);
    expect(await signedIn.page.getByRole('navigation', { name: 'Admin' }).count()).toBe(0);
    await signedOut.page.waitForURL('**/login?next=%2Fadmin%2Foutbox');
    expect(signedIn.consoleErrors).toEqual([]);
    expect(signedOut.consoleErrors).toEqual([]);
    await signedIn.context.close();
    await signedOut.context.close();
  });

  it('when an admin opens the outbox, then emails are listed, filterable by tag, and readable as HTML and text', async () => {
    const recipient = await createUser(stack.ctx, { name: 'Otto Outbox' });
    await fetch(`${stack.url}/api/auth/password/forgot`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: recipient.email }),
    });
    const admin = await createUser(stack.ctx, { role: 'admin', name: 'Ada Admin' });
    const { page, context, consoleErrors } = await stack.newPage();
    await signInThroughUi(page, admin.email, admin.password, '/admin');
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Outbox' }).click();
    const table = page.getByRole('table', { name: 'Emails, newest first' });
    await expect.poll(() => table.getByRole('row').count(), WAIT).toBeGreaterThan(1);

    await page.getByLabel('Tag').fill('auth.reset-password');
    await page.getByLabel('Tag').press('Enter');
    await page.waitForURL('**/admin/outbox?tag=auth.reset-password');
    await expect.poll(() => table.getByRole('cell', { name: recipient.email }).isVisible(), WAIT).toBe(true);
    await table
      .getByRole('link', { name: /^Reset your/ })
      .first()
      .click();
    const frame = page.frameLocator('iframe[title^="Email:"]');
    await expect.poll(() => frame.getByRole('link', { name: 'Choose a new password' }).isVisible(), WAIT).toBe(true);
    await page.getByRole('button', { name: 'Plain text' }).click();

    await expect.poll(() => page.locator('pre').textContent(), WAIT).toContain('/reset-password?token=');
    expect(page.url()).toContain('view=text');
    await page.getByRole('link', { name: '← Back to the outbox' }).click();
    await page.waitForURL('**/admin/outbox?tag=auth.reset-password');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when an email carries scripts, handlers, remote images and inline styles, then the viewer shows it styled and inert, with no CSP errors', async () => {
    const hostile = [
      '<html><head><style>body{background:url(https://tracker.invalid/style.png)}</style>',
      "<script>parent.document.title = 'pwned'</script></head>",
      '<body style="background:#fef3c7;padding:24px">',
      '<p style="color: rgb(185, 28, 28); background-image: url(https://tracker.invalid/p.png)" onclick="alert(1)">Styled text</p>',
      '<img src="https://tracker.invalid/pixel.png" alt="tracking pixel" onerror="parent.document.title = \'pwned\'">',
      '<a href="javascript:alert(1)">bad link</a> <a href="https://example.com/ok">good link</a>',
      '<iframe src="https://evil.invalid/"></iframe><form action="https://evil.invalid/"><input name="x"></form>',
      '</body></html>',
    ].join('');
    const insertedId = await storeMail(stack.ctx, {
      to: 'mallory@example.com',
      subject: 'Hostile email',
      tag: 'test.hostile',
      text: 'Plain version',
      html: hostile,
    });
    const admin = await createUser(stack.ctx, { role: 'admin', name: 'Hal Hostile' });
    const { page, context, consoleErrors } = await stack.newPage();
    const outsideRequests: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(stack.url)) outsideRequests.push(request.url());
    });
    await signInThroughUi(page, admin.email, admin.password, `/admin/outbox/${insertedId.toHexString()}`);
    const frame = page.frameLocator('iframe[title="Email: Hostile email"]');
    const paragraph = frame.getByText('Styled text');
    await expect.poll(() => paragraph.isVisible(), WAIT).toBe(true);

    expect(await paragraph.evaluate((element) => getComputedStyle(element).color)).toBe('rgb(185, 28, 28)');
    expect(await paragraph.evaluate((element) => getComputedStyle(element).backgroundImage)).toBe('none');
    expect(await paragraph.getAttribute('onclick')).toBeNull();
    expect(await frame.getByText('[tracking pixel]').isVisible()).toBe(true);
    expect(await frame.locator('img, iframe, form, input, script, style').count()).toBe(0);
    expect(await frame.getByText('bad link').getAttribute('href')).toBeNull();
    expect(await frame.getByRole('link', { name: 'good link' }).getAttribute('href')).toBe('https://example.com/ok');
    expect(await page.title()).toBe('Hostile email · Outbox · Admin · Mercato');
    expect(outsideRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when two tabs of one browser reload at the same moment, then both stay signed in (one refresh at a time)', async () => {
    const user = await createUser(stack.ctx, { name: 'Tabby Two' });
    const { page: first, context, consoleErrors } = await stack.newPage();
    await signInThroughUi(first, user.email, user.password);
    await expectSignedIn(first, 'Tabby Two');
    const second = await context.newPage();
    second.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await second.goto('/');
    await expectSignedIn(second, 'Tabby Two');

    for (let round = 0; round < 3; round += 1) {
      await Promise.all([first.reload(), second.reload()]);
      await expectSignedIn(first, 'Tabby Two');
      await expectSignedIn(second, 'Tabby Two');
    }

    const third = await context.newPage();
    await third.goto('/account');
    await expect.poll(() => third.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe('Your account');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when the auth and account pages are checked with axe-core, then there are no WCAG 2.1 A/AA violations', async () => {
    const user = await createUser(stack.ctx, { role: 'admin', name: 'Axe Admin' });
    const { page, context } = await stack.newPage();
    const violations: Record<string, string[]> = {};
    for (const path of ['/login', '/signup', '/forgot-password', '/reset-password?token=x', '/verify-email']) {
      await page.goto(path, { waitUntil: 'networkidle' });
      violations[path] = await findAxeViolations(page);
    }
    await signInThroughUi(page, user.email, user.password, '/account');
    for (const path of ['/account', '/admin/outbox']) {
      await page.goto(path, { waitUntil: 'networkidle' });
      await page.getByRole('heading', { level: 1 }).waitFor();
      violations[path] = await findAxeViolations(page);
    }

    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((path) => [path, []])));
    await context.close();
  });
});
