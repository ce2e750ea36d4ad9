import { preact } from '@preact/preset-vite';
import tailwindcss from '@tailwindcss/vite';
import { defaultClientConditions, defineConfig, type ProxyOptions } from 'vite';
import { precompress } from './build-plugins/precompress.js';
import { routePreloads } from './build-plugins/route-preloads.js';

// Paths the API owns. In production the API serves `dist/` itself, so these only matter for `vite` (dev) and
// `vite preview`. The Host header is kept (no changeOrigin) so the API's same-origin checks see the page's origin.
const API_PATHS = ['/api/', '/media/', '/sitemap.xml', '/robots.txt'];
const apiOrigin = process.env.API_ORIGIN ?? 'http://127.0.0.1:3000';
const proxy: Record<string, ProxyOptions> = Object.fromEntries(API_PATHS.map((path) => [path, { target: apiOrigin }]));

// Libraries in chunks of their own: they change far less often than the app, so a deploy leaves them cached (their
// file names keep their hash). zod (and the contracts with it) only loads with the pages that parse with it (forms,
// admin, account, checkout): the storefront's first load has neither (src/bundle-budget.test.ts checks that).
const VENDOR_CHUNKS = [
  { name: 'preact', test: /[\\/]node_modules[\\/]preact[\\/]/ },
  { name: 'router', test: /[\\/]node_modules[\\/]react-router[\\/]/ },
  { name: 'query', test: /[\\/]node_modules[\\/]@tanstack[\\/]/ },
  { name: 'forms', test: /[\\/]node_modules[\\/](react-hook-form|@hookform)[\\/]/ },
  { name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]/ },
];

/** Storefront pages whose code is a lazy route chunk (src/app/router.tsx), by path pattern. */
const LAZY_PAGES = {
  '^/c/[a-z0-9-]+/?$': 'src/app/routes/catalog-pages.ts',
  '^/search/?$': 'src/app/routes/catalog-pages.ts',
  '^/cart/?$': 'src/app/routes/cart-pages.ts',
};

export default defineConfig({
  // preact(): the app's React code runs on Preact 11 (react, react-dom and the JSX runtime resolve to Preact and
  // preact/compat; see docs/decisions/0004-web-app.md). routePreloads: the lazy chunks a first visit to those paths
  // needs, for the API to preload with the page (the patterns follow src/app/router.tsx). precompress: .br and .gz of
  // every text file, sent as they are by the API.
  plugins: [preact(), tailwindcss(), routePreloads(LAZY_PAGES), precompress()],
  // `source` makes workspace packages (@mercato/shared) resolve to their TypeScript sources: no build step first.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: { host: '127.0.0.1', port: Number(process.env.WEB_PORT ?? 5173), strictPort: true, proxy },
  preview: { host: '127.0.0.1', proxy },
  // No data: URIs for assets: the API's CSP only allows images, fonts and scripts from 'self'.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    // The manifest tells the bundle-budget test (and anyone measuring) which chunks each entry loads.
    manifest: true,
    // Every browser the shop supports knows <link rel="modulepreload">: no polyfill in the entry.
    modulePreload: { polyfill: false },
    rolldownOptions: { output: { codeSplitting: { groups: VENDOR_CHUNKS } } },
  },
});
