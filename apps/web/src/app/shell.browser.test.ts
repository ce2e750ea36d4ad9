import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser } from '@mercato/testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAxeViolations } from '../test-support/axe.test-support.js';
import { buildWebApp, type WebBuild } from '../test-support/build-web.test-support.js';
import { startStaticServer, type StaticServer } from '../test-support/static-server.test-support.js';

let web: WebBuild;
let server: StaticServer;
let browser: Browser;

/** Console errors, uncaught exceptions and failed requests, except calls to the (deliberately absent) API. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  const isApi = (url: string) => url !== '' && new URL(url).pathname.startsWith('/api/');
  page.on('console', (message) => {
    if (message.type() === 'error' && !isApi(message.location().url)) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A navigation cancels what the previous page still had in flight (e.g. the favicon): not a failure.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    if (!isApi(request.url())) problems.push(`request failed: ${request.url()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !isApi(response.url()))
      problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

/** Script URLs the page requests, to tell which chunks a route pulls in. */
function watchScripts(page: Page): Set<string> {
  const scripts = new Set<string>();
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.add(new URL(request.url()).pathname);
  });
  return scripts;
}

/**
 * Makes the page start as a signed-in admin without an API: the session hint the auth feature leaves in
 * localStorage, and an answer to its silent refresh. (The admin area redirects everyone else to /login.)
 */
async function actAsAdmin(page: Page): Promise<void> {
  await page.addInitScript(() => localStorage.setItem('mercato.has-session', '1'));
  const user = { id: 'a'.repeat(24), email: 'admin@example.com', name: 'Test Admin', role: 'admin' };
  await page.route('**/api/auth/refresh', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      json: {
        accessToken: 'test-token',
        tokenType: 'Bearer',
        expiresIn: 900,
        user: { ...user, createdAt: '2026-01-01T00:00:00.000Z', marketingOptIn: false },
      },
    }),
  );
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

describe('web app shell in Chromium (production build, strict CSP, no API)', () => {
  it('when the home page loads, then header, search, cart, account link, hero and footer render without errors', async () => {
    const page = await browser.newPage();
    const problems = watchProblems(page);

    await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });

    const header = page.getByRole('banner');
    await expect.poll(() => header.getByRole('link', { name: 'Mercato' }).isVisible()).toBe(true);
    expect(await header.getByRole('search').getByRole('combobox', { name: 'Search products' }).isVisible()).toBe(true);
    expect(await header.getByRole('link', { name: 'Cart, 0 items' }).isVisible()).toBe(true);
    expect(await header.getByRole('link', { name: 'Sign in' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Find something');
    expect(await page.getByRole('contentinfo').isVisible()).toBe(true);
    expect(await page.title()).toBe('Mercato');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('when a search is submitted from the header, then /search?q=… shows the query', async () => {
    const page = await browser.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });

    const searchbox = page.getByRole('banner').getByRole('combobox', { name: 'Search products' });
    await searchbox.fill('red mug');
    await searchbox.press('Enter');

    await page.waitForURL('**/search?q=red%20mug');
    // The URL changes before the new page has rendered: wait for the render.
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 })
      .toBe('Results for “red mug”');
    expect(await searchbox.inputValue()).toBe('red mug');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('when /admin opens, then its lazy chunk loads, the sidebar works and the missing API is shown, not thrown', async () => {
    const page = await browser.newPage();
    await actAsAdmin(page);
    const problems = watchProblems(page);
    const scripts = watchScripts(page);
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
    const storefrontScripts = new Set(scripts);

    await page.goto(`${server.url}/admin`);

    const sidebar = page.getByRole('navigation', { name: 'Admin' });
    await expect.poll(() => sidebar.isVisible()).toBe(true);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Dashboard');
    expect(await sidebar.getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).toBe('page');
    expect([...scripts].filter((script) => !storefrontScripts.has(script))).not.toEqual([]);
    await expect.poll(() => page.getByText('API unreachable').isVisible(), { timeout: 15_000 }).toBe(true);

    await sidebar.getByRole('link', { name: 'Products' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Products');
    expect(await sidebar.getByRole('link', { name: 'Products' }).getAttribute('aria-current')).toBe('page');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('when a path matches no route, then the 404 page renders inside the shell', async () => {
    const page = await browser.newPage();
    const problems = watchProblems(page);

    await page.goto(`${server.url}/no/such/page`, { waitUntil: 'networkidle' });

    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    expect(await page.title()).toBe('Page not found · Mercato');
    expect(await page.getByRole('banner').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('when the viewport is a phone, then nothing overflows sideways and the menu opens and closes with Escape', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    const problems = watchProblems(page);
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });

    const toggle = page.getByRole('button', { name: 'Open menu' });
    await toggle.click();
    const menu = page.getByRole('navigation', { name: 'Menu' });
    expect(await menu.getByRole('link', { name: 'Sign in' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');

    await expect.poll(() => menu.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Open menu');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('when a keyboard user presses Tab first, then the skip link is focused and moves focus to <main>', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
    // On a loaded machine the app can still be rendering after the network is idle: Tab before that focuses nothing.
    await page.getByRole('link', { name: 'Skip to content' }).waitFor({ state: 'attached' });

    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');

    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });

  it('when key pages are checked with axe-core (WCAG 2.1 A and AA), then there are no violations', async () => {
    const violationsByRoute: Record<string, string[]> = {};

    for (const route of ['/', '/search?q=mug', '/cart', '/login', '/no/such/page', '/admin', '/admin/orders']) {
      const page = await browser.newPage();
      await page.goto(`${server.url}${route}`, { waitUntil: 'networkidle' });
      violationsByRoute[route] = await findAxeViolations(page);
      await page.close();
    }

    expect(violationsByRoute).toEqual(Object.fromEntries(Object.keys(violationsByRoute).map((route) => [route, []])));
  });

  it('when built for production, then no dev-only error details (stack traces) are in the bundle', async () => {
    const assets = path.join(web.outDir, 'assets');
    const scripts = (await readdir(assets)).filter((name) => name.endsWith('.js'));
    const code = (await Promise.all(scripts.map((name) => readFile(path.join(assets, name), 'utf8')))).join('\n');

    expect(scripts.length).toBeGreaterThan(1);
    expect(code).not.toContain('development builds only');
  });
});
