import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig, type ProxyOptions } from 'vite';

// Paths the API owns. In production the API serves `dist/` itself, so these only matter for `vite` (dev) and
// `vite preview`. The Host header is kept (no changeOrigin) so the API's same-origin checks see the page's origin.
const API_PATHS = ['/api/', '/media/', '/sitemap.xml', '/robots.txt'];
const apiOrigin = process.env.API_ORIGIN ?? 'http://127.0.0.1:3000';
const proxy: Record<string, ProxyOptions> = Object.fromEntries(API_PATHS.map((path) => [path, { target: apiOrigin }]));

export default defineConfig({
  plugins: [react(), tailwindcss()],
  // `source` makes workspace packages (@mercato/shared) resolve to their TypeScript sources: no build step first.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: { host: '127.0.0.1', port: Number(process.env.WEB_PORT ?? 5173), strictPort: true, proxy },
  preview: { host: '127.0.0.1', proxy },
  // No data: URIs for assets: the API's CSP only allows images, fonts and scripts from 'self'.
  build: { outDir: 'dist', emptyOutDir: true, assetsInlineLimit: 0 },
});
