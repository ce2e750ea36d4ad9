import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface WebBuild {
  outDir: string;
  remove: () => Promise<void>;
}

/**
 * Builds the app for production into a temporary directory with Vite's JS API, exactly as `vite build` would,
 * optionally adding the UI gallery page (`/src/ui-gallery/`) as a second entry.
 */
export async function buildWebApp({ withUiGallery = false } = {}): Promise<WebBuild> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'mercato-web-'));
  const input = withUiGallery
    ? { main: path.join(WEB_ROOT, 'index.html'), gallery: path.join(WEB_ROOT, 'src/ui-gallery/index.html') }
    : undefined;
  // Vitest sets NODE_ENV=test, which would give a development build (preact/debug injected, the libraries' dev
  // warnings kept); the API serves a production one.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: WEB_ROOT,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, ...(input ? { rolldownOptions: { input } } : {}) },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return { outDir, remove: () => rm(outDir, { recursive: true, force: true }) };
}
