import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// The storefront's first-load JavaScript, in the bytes a phone downloads: for each page, the entry chunk, the lazy
// route chunk the page needs at once, and everything they import statically (Vite's manifest), each gzipped at
// level 9 as the build's .gz copies the API sends. Sizes are deterministic for the same sources, so this is a test,
// not a benchmark. It reads apps/web/dist: `npm test` builds it before the browser step; alone, run
// `npm run build -w @mercato/web` first.
//
// The budget. Issue 15 set 100 KB gzip for home and product pages; they load about 71 KB: Preact with preact/compat
// about 10 KB (standing in for React and React DOM, which were 68 KB), React Router 7 (data router) 31 KB, TanStack
// Query 10 KB and the shop's own code about 20 KB (docs/decisions/0004-web-app.md). The budget sits 5 KB above that,
// well under the 100 KB, so the first load grows only on purpose; and zod, the contracts, forms, admin,
// account and checkout stay out of it (the next test).
const FIRST_LOAD_BUDGET_BYTES = 76_000;

const DIST = fileURLToPath(new URL('../dist', import.meta.url));

interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** The lazy route modules each storefront page loads before it can render (none: it is in the entry). */
const PAGES: Record<string, string[]> = {
  home: [],
  product: [],
  category: ['src/app/routes/catalog-pages.ts'],
  search: ['src/app/routes/catalog-pages.ts'],
  cart: ['src/app/routes/cart-pages.ts'],
};
/** Chunks no storefront page may load up front (names from vite.config.ts and the route modules). */
const NEVER_UP_FRONT = ['zod', 'forms', 'admin', 'admin-gate', 'account-pages', 'commerce-pages', 'session-message'];

function readManifest(): Manifest {
  const file = path.join(DIST, '.vite', 'manifest.json');
  if (!existsSync(file)) throw new Error('apps/web/dist is missing: run `npm run build -w @mercato/web` first');
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

function gzipBytes(file: string): number {
  return gzipSync(readFileSync(path.join(DIST, file)), { level: constants.Z_BEST_COMPRESSION }).length;
}

/** A chunk and everything it imports statically, as manifest keys. */
function staticClosure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the Vite manifest`);
  seen.add(key);
  for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, seen);
  return seen;
}

function firstLoad(manifest: Manifest, page: string): ManifestChunk[] {
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry && key === 'index.html');
  if (!entry) throw new Error('no index.html entry in the Vite manifest');
  const keys = new Set<string>();
  for (const key of [entry, ...(PAGES[page] ?? [])]) staticClosure(manifest, key, keys);
  return [...keys].map((key) => manifest[key] as ManifestChunk);
}

const manifest = readManifest();
const sizes = Object.fromEntries(
  Object.keys(PAGES).map((page) => {
    const chunks = firstLoad(manifest, page);
    return [page, { chunks, bytes: chunks.reduce((sum, chunk) => sum + gzipBytes(chunk.file), 0) }];
  }),
);

describe('storefront bundle budget', () => {
  it(`when a phone opens the home or a product page, then it downloads at most ${FIRST_LOAD_BUDGET_BYTES / 1000} KB of gzipped JavaScript first`, () => {
    const report = Object.entries(sizes).map(([page, { bytes, chunks }]) => {
      const names = chunks.map((chunk) => chunk.name ?? chunk.file).join(', ');
      return `${page}: ${(bytes / 1000).toFixed(1)} KB (${names})`;
    });
    console.log(`first-load JavaScript, gzip -9:\n  ${report.join('\n  ')}`);
    expect(sizes.home?.bytes).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
    expect(sizes.product?.bytes).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
  });

  it('when any storefront page loads, then zod, forms, admin, account and checkout code are not part of it', () => {
    for (const [page, { chunks }] of Object.entries(sizes)) {
      const forbidden = chunks.filter((chunk) => NEVER_UP_FRONT.includes(chunk.name ?? ''));
      expect(
        forbidden.map((chunk) => chunk.name),
        page,
      ).toEqual([]);
      // Also by content, in case zod ever lands in a chunk of another name.
      for (const chunk of chunks)
        expect(readFileSync(path.join(DIST, chunk.file), 'utf8'), chunk.file).not.toContain('ZodError');
    }
    for (const name of NEVER_UP_FRONT.filter((name) => name !== 'admin-gate'))
      expect(
        Object.values(manifest).some((chunk) => chunk.name === name),
        `${name} chunk exists`,
      ).toBe(true);
  });

  it('when the shell loads, then every chunk of the first load is announced with modulepreload (no waterfall)', () => {
    const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
    const entry = manifest['index.html'] as ManifestChunk;
    expect(html).toContain(`<script type="module" crossorigin src="/${entry.file}"></script>`);
    for (const chunk of firstLoad(manifest, 'home').filter((chunk) => chunk !== entry))
      expect(html, chunk.file).toContain(`<link rel="modulepreload" crossorigin href="/${chunk.file}">`);
  });

  it('when a lazily loaded page is visited first, then the API is told which chunks to preload with it', () => {
    const table = JSON.parse(readFileSync(path.join(DIST, '.vite', 'route-preloads.json'), 'utf8')) as {
      pattern: string;
      files: string[];
    }[];
    const preloadsFor = (page: string) => table.find(({ pattern }) => new RegExp(pattern).test(page))?.files ?? [];
    const entryFiles = new Set(firstLoad(manifest, 'home').map((chunk) => `/${chunk.file}`));
    for (const [page, url] of [
      ['category', '/c/kitchen'],
      ['search', '/search'],
      ['cart', '/cart'],
    ] as const) {
      const expected = (sizes[page]?.chunks ?? [])
        .map((chunk) => `/${chunk.file}`)
        .filter((file) => !entryFiles.has(file));
      expect(preloadsFor(url).sort(), page).toEqual(expected.sort());
    }
    expect(preloadsFor('/p/lamp')).toEqual([]);
  });

  it('when the build is done, then every text file (over 1 KB) has the .br and .gz copies the API sends', () => {
    const texts = readdirSync(path.join(DIST, 'assets'))
      .filter((file) => /\.(js|css)$/.test(file))
      .map((file) => `assets/${file}`)
      .concat('index.html')
      .filter((file) => statSync(path.join(DIST, file)).size > 1024);
    expect(texts.length).toBeGreaterThan(10);
    for (const file of texts) {
      expect(existsSync(path.join(DIST, `${file}.br`)), `${file}.br`).toBe(true);
      expect(existsSync(path.join(DIST, `${file}.gz`)), `${file}.gz`).toBe(true);
    }
  });
});
