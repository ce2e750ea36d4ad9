import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCards, seedCatalog } from './catalog-support.js';
import { signedInUser, startStack, type Stack } from './support/stack.js';

// What Lighthouse's mobile audit checks for layout and the LCP image (bench/src/web.bench.ts measures the scores),
// here as pass/fail in a real Chromium: a phone-sized page on a slow link (so skeletons paint before data arrives,
// as on a phone), every layout shift recorded from the first paint, and the image the head preloads being the very
// file the page shows (one download, not two).

/** Recorded by the page itself from its first moment (an init script runs before the app, outside the page's CSP). */
interface Shift {
  value: number;
  hadRecentInput: boolean;
  sources: string[];
}
declare global {
  interface Window {
    __shifts?: Shift[];
  }
}

function recordLayoutShifts() {
  window.__shifts = [];
  const describe = (node: Node | null) =>
    node instanceof Element ? `${node.tagName.toLowerCase()}.${Array.from(node.classList).slice(0, 4).join('.')}` : '?';
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as unknown as {
      value: number;
      hadRecentInput: boolean;
      sources: { node: Node | null }[];
    }[])
      window.__shifts?.push({
        value: entry.value,
        hadRecentInput: entry.hadRecentInput,
        sources: entry.sources.map((source) => describe(source.node)),
      });
  }).observe({ type: 'layout-shift', buffered: true });
}

let stack: Stack;
let productSlug = '';

beforeAll(async () => {
  stack = await startStack();
  const admin = await signedInUser(stack.ctx, { role: 'admin' });
  const seeds = Array.from({ length: 10 }, (_, index) => ({
    name: `Stoneware Bowl ${index + 1}`,
    price: 1200 + index * 100,
    stock: index === 3 ? 2 : 20,
    category: index % 3 === 0 ? ('garden' as const) : ('kitchen' as const),
    featured: index >= 4,
    images: index === 9 ? 3 : 1,
    description: 'A bowl for soup, salad or anything else. '.repeat(4),
  }));
  const { products } = await seedCatalog(stack, admin.accessToken, seeds);
  productSlug = products.at(-1)?.slug ?? '';
});

afterAll(async () => {
  await stack?.close();
});

/** A phone (Moto G Power's screen, as Lighthouse's mobile preset) on a slow 4G link, recording layout shifts. */
async function openAsPhone(path: string): Promise<{ page: Page; context: BrowserContext }> {
  const context = await stack.browser.newContext({
    baseURL: stack.url,
    viewport: { width: 412, height: 823 },
    deviceScaleFactor: 1.75,
    isMobile: true,
    hasTouch: true,
  });
  await context.addInitScript(recordLayoutShifts);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await page.goto(path);
  return { page, context };
}

/** Paths the page fetched itself (with fetch) since it opened. */
function fetchedPaths(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((entry) => entry.initiatorType === 'fetch')
      .map((entry) => new URL(entry.name).pathname),
  );
}

/** Everything shifted since the first paint (an upper bound of CLS, which counts only the worst window). */
async function layoutShift(page: Page): Promise<{ total: number; shifts: Shift[] }> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  const shifts = (await page.evaluate(() => window.__shifts ?? [])).filter((shift) => !shift.hadRecentInput);
  return { total: shifts.reduce((sum, shift) => sum + shift.value, 0), shifts };
}

describe('storefront loading on a phone: no layout shift, LCP image preloaded and used', () => {
  it('when the home page loads, then nothing visible moves while products and categories arrive', async () => {
    const { page, context } = await openAsPhone('/');
    await expectCards(
      page,
      ['Stoneware Bowl 10', 'Stoneware Bowl 9', 'Stoneware Bowl 8', 'Stoneware Bowl 7'].concat([
        'Stoneware Bowl 6',
        'Stoneware Bowl 5',
      ]),
      'Featured products',
    );
    const { total, shifts } = await layoutShift(page);
    expect(total, JSON.stringify(shifts)).toBeLessThanOrEqual(0.02);
    // The page came with both lists (apps/api/src/modules/seo): no request waited for them.
    expect(await fetchedPaths(page)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^\/api\/(products\/featured|categories)$/)]),
    );
    await context.close();
  });

  it('when a category page loads (a lazy chunk, then the category, then its products), then nothing visible moves', async () => {
    const { page, context } = await openAsPhone('/c/kitchen');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Kitchen');
    await expect.poll(() => page.getByRole('list', { name: 'Products' }).getByRole('heading').count()).toBe(6);
    const { total, shifts } = await layoutShift(page);
    expect(total, JSON.stringify(shifts)).toBeLessThanOrEqual(0.02);
    // The page came with a modulepreload of its lazy chunks: each script was still fetched exactly once.
    const preloaded = await page.locator('link[rel="modulepreload"][href*="catalog-pages"]').count();
    expect(preloaded).toBe(1);
    const scripts = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => name.endsWith('.js')),
    );
    expect(scripts.length).toBe(new Set(scripts).size);
    // The categories and the first page of products came with the page.
    expect(await fetchedPaths(page)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^\/api\/(products|categories)$/)]),
    );
    await context.close();
  });

  it('when a product page loads, then nothing moves and its main image is the preloaded file, downloaded once', async () => {
    const { page, context } = await openAsPhone(`/p/${productSlug}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Stoneware Bowl 10');
    const main = page.getByRole('img', { name: 'Stoneware Bowl 10, view 1' });
    await expect
      .poll(() => main.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0))
      .toBe(true);
    const { total, shifts } = await layoutShift(page);
    expect(total, JSON.stringify(shifts)).toBeLessThanOrEqual(0.02);

    const preload = page.locator('link[rel="preload"][as="image"]');
    expect(await preload.getAttribute('fetchpriority')).toBe('high');
    expect(await preload.getAttribute('imagesrcset')).toBe(await main.getAttribute('srcset'));
    expect(await preload.getAttribute('imagesizes')).toBe(await main.getAttribute('sizes'));
    const shown = await main.evaluate((image: HTMLImageElement) => image.currentSrc);
    // Every download of this image's renditions, and the renditions its gallery thumbnail shows (a small one, loaded
    // lazily: whether it has started by now depends on timing): the main image must add exactly one, the preloaded.
    const { downloads, thumbnails } = await page.evaluate(
      (srcset) => {
        const files = new Set(
          srcset.split(',').map((entry) => new URL(entry.trim().split(' ')[0] ?? '', location.href).href),
        );
        const shownBy = Array.from(document.images).filter((image) => image.getAttribute('srcset') === srcset);
        return {
          downloads: performance
            .getEntriesByType('resource')
            .map((entry) => entry.name)
            .filter((name) => files.has(name)),
          thumbnails: shownBy.map((image) => image.currentSrc).filter(Boolean),
        };
      },
      (await main.getAttribute('srcset')) ?? '',
    );
    expect(downloads.filter((name) => name === shown)).toEqual([shown]);
    const others = downloads.filter((name) => name !== shown);
    expect(
      others.every((name) => thumbnails.includes(name)),
      JSON.stringify({ others, thumbnails }),
    ).toBe(true);
    expect(await fetchedPaths(page)).not.toContain(`/api/products/${productSlug}`);
    await context.close();
  });
});
