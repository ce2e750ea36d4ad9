import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cachedJsonOf, negotiateEncoding } from './cached-response.js';

const big = JSON.stringify({ items: Array.from({ length: 100 }, (_, index) => ({ name: `Product ${index}` })) });

describe('negotiateEncoding', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0.5, br;q=0.4', 'gzip'],
    ['identity', undefined],
    ['*', 'br'],
    ['*;q=0', undefined],
    ['deflate', undefined],
    ['GZIP', 'gzip'],
  ])('when a client sends %j, then %s is chosen', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });
});

describe('cached JSON', () => {
  it('when built, then the body is the UTF-8 of the text and the ETag is weak and stable', () => {
    const a = cachedJsonOf('{"name":"Crème"}', { isHit: true });
    expect(a.body.toString('utf8')).toBe('{"name":"Crème"}');
    expect(a.etag).toMatch(/^W\/"[\w-]{20}"$/);
    expect(cachedJsonOf('{"name":"Crème"}', { isHit: true }).etag).toBe(a.etag);
    expect(cachedJsonOf('{"name":"Creme"}', { isHit: true }).etag).not.toBe(a.etag);
  });

  it('when the entry is not held in memory, then it is never compressed', () => {
    const cached = cachedJsonOf(big, { isHit: true });
    expect(cached.copies.of(cached.body, 'br')).toBeUndefined();
  });

  it('when held in memory, then each encoding is compressed once, reported once and reused', async () => {
    const cached = cachedJsonOf(big, { isHit: true });
    const grown: number[] = [];
    cached.copies.retain((bytes) => grown.push(bytes));

    const first = await cached.copies.of(cached.body, 'br');
    const again = cached.copies.of(cached.body, 'br');
    expect(again).toBe(first); // the same Buffer, synchronously
    expect(brotliDecompressSync(first!).toString()).toBe(big);
    const gzipped = await cached.copies.of(cached.body, 'gzip');
    expect(gunzipSync(gzipped!).toString()).toBe(big);
    expect(grown).toEqual([first!.length, gzipped!.length]);
  });

  it('when concurrent requests ask while the first compression runs, then they share it', async () => {
    const cached = cachedJsonOf(big, { isHit: true });
    let reports = 0;
    cached.copies.retain(() => (reports += 1));
    const [a, b] = await Promise.all([cached.copies.of(cached.body, 'gzip'), cached.copies.of(cached.body, 'gzip')]);
    expect(a).toBe(b);
    expect(reports).toBe(1);
  });

  it('when the body is small, then it goes out uncompressed', () => {
    const cached = cachedJsonOf('{"items":[]}', { isHit: true });
    cached.copies.retain(() => undefined);
    expect(cached.copies.of(cached.body, 'gzip')).toBeUndefined();
  });
});
