import { launchBrowser } from '@mercato/testkit';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { latestMail } from '../../../apps/api/src/test-support/mail.test-support.js';
import { startTestApp, type TestApp } from '../../../apps/api/src/test-support/harness.test-support.js';

export const WEB_DIST = fileURLToPath(new URL('../../../apps/web/dist', import.meta.url));

export interface Stack {
  ctx: TestApp;
  url: string;
  browser: Browser;
  /** A fresh browser context (own cookies and storage) with a page that records console errors. */
  newPage(): Promise<{ page: Page; context: BrowserContext; consoleErrors: string[] }>;
  close(): Promise<void>;
}

/**
 * The whole shop for a browser journey: the real API (embedded engine, redis-server, payment sandbox) serving the
 * built web app, and Debian's Chromium. `npm test` builds the web app before the browser step; run
 * `npm run build -w @mercato/web` first when running a journey alone.
 */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  if (!existsSync(`${WEB_DIST}/index.html`))
    throw new Error('apps/web/dist is missing: run `npm run build -w @mercato/web` first');
  const ctx = await startTestApp({ WEB_DIST_DIR: WEB_DIST, ...env });
  const browser = await launchBrowser();
  return {
    ctx,
    url: ctx.url,
    browser,
    async newPage() {
      const context = await browser.newContext({ baseURL: ctx.url });
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (message: ConsoleMessage) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(error.message));
      return { page, context, consoleErrors };
    },
    async close() {
      await browser.close();
      await ctx.close();
    },
  };
}

/** The latest email to `to` with `tag`, as stored in the development outbox. */
export async function latestEmail(
  ctx: TestApp,
  to: string,
  tag: string,
): Promise<{ subject: string; text: string; html: string } | null> {
  const message = await latestMail(ctx, to, tag);
  return message ? { subject: message.subject, text: message.text ?? '', html: message.html ?? '' } : null;
}

export { signedInUser, createUser } from '../../../apps/api/src/test-support/auth.test-support.js';
export {
  createCategory,
  createProduct,
  pngImage,
  uploadImage,
} from '../../../apps/api/src/test-support/catalog.test-support.js';
