import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin, ResolvedConfig } from 'vite';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** What is worth compressing: text. Images (WebP, PNG) and fonts (WOFF2) are compressed already. */
export const COMPRESSIBLE_EXTENSIONS = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.svg',
  '.txt',
  '.xml',
  '.map',
]);

export interface PrecompressResult {
  file: string;
  size: number;
  brotli: number | null;
  gzip: number | null;
}

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    // Dot folders hold build metadata (.vite/manifest.json), which the API does not serve.
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

/**
 * Writes `<file>.br` (Brotli, best quality) and `<file>.gz` (gzip -9) next to every compressible file under `dir`,
 * for the API to send as they are (apps/api/src/plugins/web-app.ts): the work is done once per build, at the best
 * ratio, never per request. A variant that would not be smaller than the file is not written.
 */
export async function precompressDirectory(dir: string): Promise<PrecompressResult[]> {
  const results: PrecompressResult[] = [];
  for await (const file of walk(dir)) {
    if (!COMPRESSIBLE_EXTENSIONS.has(path.extname(file))) continue;
    const body = await readFile(file);
    const [br, gz] = await Promise.all([
      brotli(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      }),
      gzipAsync(body, { level: constants.Z_BEST_COMPRESSION }),
    ]);
    const written = async (suffix: string, data: Buffer) => {
      if (data.length >= body.length) return null;
      await writeFile(`${file}${suffix}`, data);
      return data.length;
    };
    results.push({
      file: path.relative(dir, file),
      size: body.length,
      brotli: await written('.br', br),
      gzip: await written('.gz', gz),
    });
  }
  return results;
}

/** Vite plugin: pre-compresses the build output once it is written (`vite build` only). */
export function precompress(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'mercato:precompress',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      const outDir = path.resolve(config.root, config.build.outDir);
      if (!(await stat(outDir).catch(() => null))) return;
      const results = await precompressDirectory(outDir);
      const total = (pick: (result: PrecompressResult) => number | null) =>
        results.reduce((sum, result) => sum + (pick(result) ?? result.size), 0);
      config.logger.info(
        `precompressed ${results.length} files: ${total((result) => result.size)} B, brotli ${total((result) => result.brotli)} B, gzip ${total((result) => result.gzip)} B`,
      );
    },
  };
}
