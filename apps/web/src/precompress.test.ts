import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { precompressDirectory } from '../build-plugins/precompress.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mercato-precompress-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const SCRIPT = 'export const greet = (name) => `Hello, ${name}!`;\n'.repeat(100);

describe('precompressDirectory (the build step behind the API serving .br and .gz)', () => {
  it('when the build holds text files, then each gets a brotli and a gzip copy that decompress to the original', async () => {
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'assets', 'index-abc.js'), SCRIPT);
    await writeFile(path.join(dir, 'index.html'), `<!doctype html><title>x</title>${'<p>shop</p>'.repeat(50)}`);

    const results = await precompressDirectory(dir);

    expect(results.map((result) => result.file).sort()).toEqual(['assets/index-abc.js', 'index.html']);
    const script = path.join(dir, 'assets', 'index-abc.js');
    expect(brotliDecompressSync(await readFile(`${script}.br`)).toString()).toBe(SCRIPT);
    expect(gunzipSync(await readFile(`${script}.gz`)).toString()).toBe(SCRIPT);
    const [entry] = results.filter((result) => result.file === 'assets/index-abc.js');
    expect(entry?.brotli).toBeLessThan(entry?.gzip ?? 0);
    expect(entry?.gzip).toBeLessThan(SCRIPT.length / 10);
  });

  it('when a file is an image, tiny, or build metadata, then no copy is written', async () => {
    await mkdir(path.join(dir, '.vite'));
    await writeFile(path.join(dir, '.vite', 'manifest.json'), JSON.stringify({ a: SCRIPT }));
    await writeFile(path.join(dir, 'photo.png'), Buffer.alloc(2048, 7));
    await writeFile(path.join(dir, 'tiny.txt'), 'ok');

    const results = await precompressDirectory(dir);

    expect(results).toEqual([{ file: 'tiny.txt', size: 2, brotli: null, gzip: null }]);
    expect((await readdir(dir)).sort()).toEqual(['.vite', 'photo.png', 'tiny.txt']);
    expect(await readdir(path.join(dir, '.vite'))).toEqual(['manifest.json']);
  });
});
