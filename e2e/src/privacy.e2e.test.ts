import { readFile } from 'node:fs/promises';
import { ObjectId } from 'mongodb';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPersonalData } from '../../apps/api/src/lib/personal-data.js';
import { SESSIONS } from '../../apps/api/src/modules/auth/sessions-repo.js';
import { unsubscribeUrl } from '../../apps/api/src/modules/privacy/consent.js';
import { login } from '../../apps/api/src/test-support/auth.test-support.js';
import { request } from '../../apps/api/src/test-support/harness.test-support.js';
import { findAxeViolations } from '../../apps/web/src/test-support/axe.test-support.js';
import { WAIT, signIn, withoutHttpErrors } from './commerce-support.js';
import { createUser, latestEmail, signedInUser, startStack, type Stack } from './support/stack.js';

let stack: Stack;
let adminToken: string;

beforeAll(async () => {
  // Every journey signs in from 127.0.0.1: lift the per-IP auth throttle the API applies to real traffic.
  stack = await startStack({ AUTH_RATE_LIMIT_PER_IP: '1000' });
  adminToken = (await signedInUser(stack.ctx, { role: 'admin' })).accessToken;
});

afterAll(async () => {
  await stack?.close();
});

/** Accounts the admin API finds for `email` (an exact search through the blind index). */
async function adminSearch(email: string): Promise<unknown[]> {
  const response = await request(stack.url, 'GET', `/api/admin/users?q=${encodeURIComponent(email)}`, {
    token: adminToken,
  });
  expect(response.status).toBe(200);
  return response.body.items;
}

/** Signing in counts as entering the password; an hour later the export must ask for it again. */
async function ageSignIns(userId: string): Promise<void> {
  await stack.ctx.db
    .collection(SESSIONS)
    .updateMany({ userId: new ObjectId(userId) }, { $set: { authenticatedAt: new Date(Date.now() - 3_600_000) } });
}

/** A success toast (toasts live in a polite status region). */
function toast(page: Page, title: string) {
  return page.getByRole('status').getByText(title, { exact: true });
}

function passwordField(page: Page, name = 'Password') {
  return page.getByRole('textbox', { name, exact: true });
}

async function expectSignedOut(page: Page): Promise<void> {
  const link = page.getByRole('banner').getByRole('link', { name: 'Sign in' });
  await expect.poll(() => link.isVisible(), WAIT).toBe(true);
}

describe('privacy in the browser (real API, built web app, Chromium)', () => {
  it('when a shopper downloads their data, then the password is asked again and a JSON file with their profile is saved', async () => {
    const user = await createUser(stack.ctx, { name: 'Dora Download' });
    const { page, context, consoleErrors } = await stack.newPage();
    await signIn(page, user, '/account/privacy');
    await ageSignIns(user.id);
    await page.reload();
    const password = passwordField(page);
    await password.fill('not-my-password');
    await page.getByRole('button', { name: 'Confirm and download' }).click();
    await expect.poll(() => page.getByText('is not your password').isVisible(), WAIT).toBe(true);
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    const errorId = await page.getByText('is not your password').getAttribute('id');
    expect(await password.getAttribute('aria-describedby')).toContain(errorId);

    await password.fill(user.password);
    const [download] = await Promise.all([
      page.waitForEvent('download', WAIT),
      page.getByRole('button', { name: 'Confirm and download' }).click(),
    ]);

    expect(download.suggestedFilename()).toMatch(/^mercato-data-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(await readFile(await download.path(), 'utf8'));
    expect(file.format).toBe('mercato.account-export.v1');
    expect(file.profile).toMatchObject({ id: user.id, email: user.email, name: 'Dora Download', role: 'customer' });
    expect(Array.isArray(file.orders)).toBe(true);
    const saved = page.getByRole('status').filter({ hasText: download.suggestedFilename() });
    await expect.poll(() => saved.isVisible(), WAIT).toBe(true);
    // The password opened a window: the next download needs none.
    expect(await passwordField(page).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Download my data' }).isVisible()).toBe(true);
    expect(withoutHttpErrors(consoleErrors, [400])).toEqual([]);
    await context.close();
  });

  it('when a shopper opts in to offers and reloads, then the choice and when it was made persist; the page passes axe on a phone', async () => {
    const user = await createUser(stack.ctx, { name: 'Mona Marketing' });
    const { page, context, consoleErrors } = await stack.newPage();
    await page.setViewportSize({ width: 375, height: 812 });
    await signIn(page, user, '/account');
    await page
      .getByRole('navigation', { name: 'Account', exact: true })
      .getByRole('link', { name: 'Privacy and data' })
      .click();
    await page.waitForURL('**/account/privacy');
    const offers = page.getByRole('checkbox', { name: 'Send me offers' });
    await expect.poll(() => offers.isVisible(), WAIT).toBe(true);
    expect(await offers.isChecked()).toBe(false);
    expect(await page.getByText('You have not chosen yet, so we send no offers.').isVisible()).toBe(true);

    await offers.check();
    await expect.poll(() => toast(page, 'You will get offers by email').isVisible(), WAIT).toBe(true);
    await page.reload();

    await expect.poll(() => offers.isChecked(), WAIT).toBe(true);
    await expect.poll(() => page.getByText(/^Last changed /).isVisible(), WAIT).toBe(true);
    const me = await request(stack.url, 'GET', '/api/auth/me', {
      token: (await login(stack.ctx, user.email, user.password)).accessToken,
    });
    expect(me.body.marketingOptIn).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await findAxeViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when a visitor ticks "Send me offers" at sign-up, then the confirmed account is opted in', async () => {
    const email = `offers-${Date.now()}@example.com`;
    const { page, context, consoleErrors } = await stack.newPage();
    await page.goto('/signup');
    await page.getByLabel('Name').fill('Otto Optin');
    await page.getByLabel('Email').fill(email);
    await passwordField(page).fill('analytical-engine');
    const offers = page.getByRole('checkbox', { name: 'Send me offers (optional)' });
    expect(await offers.isChecked()).toBe(false);
    await offers.check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => latestEmail(stack.ctx, email, 'auth.verify-email'), WAIT).not.toBeNull();
    const text = (await latestEmail(stack.ctx, email, 'auth.verify-email'))?.text ?? '';
    const link = text.split(/\s+/).find((word) => word.startsWith(`${stack.url}/verify-email?token=`)) ?? '';

    await page.goto(link);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Your email is confirmed' }).isVisible(), WAIT)
      .toBe(true);
    await page.goto('/account/privacy');

    await expect.poll(() => page.getByRole('checkbox', { name: 'Send me offers' }).isChecked(), WAIT).toBe(true);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when a shopper deletes their account, then every device is signed out, the old password fails and the account is gone', async () => {
    const user = await createUser(stack.ctx, { name: 'Erin Erase' });
    expect(await adminSearch(user.email)).toHaveLength(1);
    const other = await stack.newPage();
    await signIn(other.page, user, '/account');
    const { page, context, consoleErrors } = await stack.newPage();
    await signIn(page, user, '/account/privacy');
    const confirmation = page.getByLabel('Type DELETE to confirm');
    await confirmation.fill('delete');
    await passwordField(page, 'Your password').fill(user.password);
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await expect.poll(() => page.getByText('type DELETE in capital letters to confirm').isVisible(), WAIT).toBe(true);
    expect(await confirmation.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await adminSearch(user.email)).toHaveLength(1);

    await confirmation.fill('DELETE');
    await page.getByRole('button', { name: 'Delete my account' }).click();

    await expect.poll(() => new URL(page.url()).pathname, WAIT).toBe('/');
    await expect.poll(() => toast(page, 'Your account was deleted').isVisible(), WAIT).toBe(true);
    await expectSignedOut(page);
    expect(await adminSearch(user.email)).toEqual([]);
    // The other device's next API call is refused (its session is gone): it ends up on the sign-in page.
    await other.page
      .getByRole('navigation', { name: 'Account', exact: true })
      .getByRole('link', { name: 'Privacy and data' })
      .click();
    await other.page.waitForURL('**/login?next=%2Faccount%2Fprivacy', WAIT);
    await expectSignedOut(other.page);
    await page.goto('/login');
    await page.getByLabel('Email').fill(user.email);
    await passwordField(page).fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('main').getByRole('alert').textContent(), WAIT)
      .toContain('Invalid email or password');
    expect(withoutHttpErrors(consoleErrors, [401])).toEqual([]);
    expect(withoutHttpErrors(other.consoleErrors, [401])).toEqual([]);
    await other.context.close();
    await context.close();
  });

  it('when an admin erases a customer with a reason, then the list no longer has them; their own row offers no erase', async () => {
    const admin = await createUser(stack.ctx, { role: 'admin', name: 'Ada Admin' });
    const customer = await createUser(stack.ctx, { name: 'Carl Customer' });
    const { page, context, consoleErrors } = await stack.newPage();
    await signIn(page, admin, `/admin/users?q=${encodeURIComponent(admin.email)}`);
    const table = page.getByRole('table', { name: 'Users' });
    await expect.poll(() => table.getByText(admin.email).isVisible(), WAIT).toBe(true);
    expect(await table.getByRole('button', { name: /^Erase/ }).count()).toBe(0);

    await page.getByLabel('Search users').fill(customer.email);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: `Erase ${customer.email}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase Carl Customer?' });
    await expect.poll(() => dialog.isVisible(), WAIT).toBe(true);
    await dialog.getByRole('button', { name: 'Erase user' }).click();
    await expect.poll(() => dialog.getByLabel('Reason').getAttribute('aria-invalid'), WAIT).toBe('true');
    expect(await adminSearch(customer.email)).toHaveLength(1);
    await dialog.getByLabel('Reason').fill('Asked by email on 3 March');
    await dialog.getByRole('button', { name: 'Erase user' }).click();

    await expect.poll(() => toast(page, 'Carl Customer was erased').isVisible(), WAIT).toBe(true);
    await expect.poll(() => page.getByRole('heading', { name: 'No users match' }).isVisible(), WAIT).toBe(true);
    expect(await dialog.isVisible()).toBe(false);
    expect(await adminSearch(customer.email)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('when an unsubscribe link is opened, then nothing changes until the button is pressed; a bad link says so', async () => {
    const user = await createUser(stack.ctx, { name: 'Una Subscribed' });
    const { accessToken } = await login(stack.ctx, user.email, user.password);
    const optIn = await request(stack.url, 'PUT', '/api/account/marketing', {
      token: accessToken,
      body: { optedIn: true },
    });
    expect(optIn.status).toBe(200);
    const isOptedIn = async () =>
      (await request(stack.url, 'GET', '/api/auth/me', { token: accessToken })).body.marketingOptIn;
    const { page, context, consoleErrors } = await stack.newPage();
    const unsubscribeCalls: string[] = [];
    page.on('request', (sent) => {
      if (sent.url().includes('/api/marketing/unsubscribe')) unsubscribeCalls.push(sent.url());
    });

    await page.goto(unsubscribeUrl(stack.ctx.config, createPersonalData(stack.ctx.config), new ObjectId(user.id)), {
      waitUntil: 'networkidle',
    });
    await page.getByRole('heading', { name: 'Unsubscribe from offers' }).waitFor(WAIT);
    expect(unsubscribeCalls).toEqual([]);
    expect(await isOptedIn()).toBe(true);
    expect(await findAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'You are unsubscribed' }).isVisible(), WAIT).toBe(true);
    expect(await isOptedIn()).toBe(false);

    await page.goto('/unsubscribe?token=this-is-not-a-signed-token', { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Unsubscribe' }).click();

    const failure = page.getByRole('heading', { name: 'This unsubscribe link does not work' });
    await expect.poll(() => failure.isVisible(), WAIT).toBe(true);
    expect(await failure.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(withoutHttpErrors(consoleErrors, [400])).toEqual([]);
    await context.close();
  });
});
