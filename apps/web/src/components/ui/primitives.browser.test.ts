import { launchBrowser } from '@mercato/testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findAxeViolations } from '../../test-support/axe.test-support.js';
import { buildWebApp, type WebBuild } from '../../test-support/build-web.test-support.js';
import { startStaticServer, type StaticServer } from '../../test-support/static-server.test-support.js';

// The UI gallery (src/ui-gallery) renders every primitive; it is built here as a second entry of a production build.
let web: WebBuild;
let server: StaticServer;
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  web = await buildWebApp({ withUiGallery: true });
  server = await startStaticServer(web.outDir);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await web?.remove();
});

beforeEach(async () => {
  page = await browser.newPage();
  problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${server.url}/src/ui-gallery/index.html`, { waitUntil: 'networkidle' });
  return () => page.close();
});

const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim());

describe('UI primitives in Chromium', () => {
  it('when the dialog opens, then focus moves inside; Escape closes it and focus returns to the trigger', async () => {
    const trigger = page.getByRole('button', { name: 'Delete product' });

    await trigger.click();

    const dialog = page.getByRole('dialog', { name: 'Delete product?' });
    expect(await dialog.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    expect(await findAxeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await focusedText()).toBe('Delete product');
    expect(problems).toEqual([]);
  });

  it('when the dialog is open, then the page behind is inert and the footer buttons close it', async () => {
    await page.getByRole('button', { name: 'Delete product' }).click();

    await page
      .getByRole('button', { name: 'Show toast' })
      .click({ timeout: 500 })
      .catch(() => undefined);
    expect(await page.getByRole('status').filter({ hasText: 'Saved' }).count()).toBe(0);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });

  it('when toasts are shown, then info goes to the polite region, errors to the alert region, and both dismiss', async () => {
    await page.getByRole('button', { name: 'Show toast' }).click();
    await page.getByRole('button', { name: 'Show error toast' }).click();

    const polite = page.locator('[role="status"][aria-live="polite"]');
    const alert = page.getByRole('alert');
    await expect.poll(() => polite.textContent()).toContain('Saved');
    expect(await alert.textContent()).toContain('Payment failed');
    await alert.getByRole('button', { name: 'Dismiss notification' }).click();
    await expect.poll(() => alert.textContent()).toBe('');
  });

  it('when a field has a hint or an error, then the control is described by them and marked invalid', async () => {
    const describe = (label: string) =>
      page.getByLabel(label).evaluate((element) => ({
        invalid: element.getAttribute('aria-invalid'),
        description: (element.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent)
          .join(' | '),
      }));

    expect(await describe('Coupon code')).toEqual({ invalid: 'true', description: 'This coupon has expired' });
    expect(await describe('Email')).toEqual({ invalid: null, description: 'We never share it.' });
  });

  it('when a sortable header is activated, then aria-sort and the row order follow', async () => {
    const header = page.getByRole('columnheader', { name: 'Total' });

    await header.getByRole('button').click();

    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(await page.getByRole('row').nth(1).textContent()).toContain('A-1002');
  });

  it('when a page number is chosen, then it becomes the current page', async () => {
    const pagination = page.getByRole('navigation', { name: 'Gallery pages' });

    await pagination.getByRole('button', { name: 'Next page' }).click();

    expect(await pagination.getByRole('button', { name: 'Page 4' }).getAttribute('aria-current')).toBe('page');
  });

  it('when the gallery is checked with axe-core (WCAG 2.1 A and AA), then there are no violations', async () => {
    expect(await findAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
