import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** The content type of every JSON answer the API sends (Fastify's routes, cached answers, the hot-read path). */
export const JSON_TYPE = 'application/json; charset=utf-8';

export type ContentEncoding = 'br' | 'gzip';

/** Smaller bodies go out as they are: compressing them saves less than the header it costs. */
const MIN_COMPRESSIBLE_BYTES = 1_024;
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const compressors: Record<ContentEncoding, (body: Buffer) => Promise<Buffer>> = {
  // Quality 5, not 11: an admin write invalidates every listing at once and each is compressed again on its next
  // read; 5 keeps that to a fraction of a millisecond per listing (in libuv's pool) for most of 11's savings.
  br: (body) =>
    brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  gzip: (body) => gzipAsync(body, { level: 6 }),
};

/**
 * The compressed copies of one cached body, made on the first request that accepts each encoding and reused by
 * every later one. Only an entry held in the process's memory keeps them (`retain`); one that is not (Redis down,
 * the memory layer off or bypassed) always goes out uncompressed, so nothing is ever compressed per request.
 */
export class CompressedCopies {
  private readonly copies = new Map<ContentEncoding, Buffer | Promise<Buffer | undefined> | null>();
  private onGrow: ((bytes: number) => void) | undefined;

  /** Held in memory from now on: copies may be kept, and their size is reported to `onGrow`. */
  retain(onGrow: (bytes: number) => void): void {
    this.onGrow = onGrow;
  }

  /**
   * `body` in `encoding`; undefined when it goes out uncompressed (small, not held in memory, or no smaller
   * compressed). A promise only while the first compression runs.
   */
  of(body: Buffer, encoding: ContentEncoding): Buffer | Promise<Buffer | undefined> | undefined {
    const known = this.copies.get(encoding);
    if (known !== undefined) return known ?? undefined;
    if (!this.onGrow || body.length < MIN_COMPRESSIBLE_BYTES) return undefined;
    const compressing = compressors[encoding](body).then(
      (compressed) => {
        const isWorthIt = compressed.length < body.length;
        this.copies.set(encoding, isWorthIt ? compressed : null);
        if (isWorthIt) this.onGrow?.(compressed.length);
        return isWorthIt ? compressed : undefined;
      },
      () => {
        this.copies.set(encoding, null);
        return undefined;
      },
    );
    this.copies.set(encoding, compressing);
    return compressing;
  }
}

/**
 * A cached JSON response as it goes on the wire, computed once when the entry is filled: the text (for callers
 * that read it), its UTF-8 bytes (what is sent), a weak ETag over them (shared by every encoding of the same
 * bytes) and the compressed copies. `isHit` tells the answer taken from the cache (`x-cache: hit`) from the one a
 * request had to build from the database, or wait for while another request built it (`miss`).
 */
export interface CachedJson {
  readonly json: string;
  readonly body: Buffer;
  readonly etag: string;
  readonly copies: CompressedCopies;
  readonly isHit: boolean;
  /**
   * Set on an entry held in the process's memory: the entry under the same key as it stands now, or undefined
   * once it is gone or out of date. The hot-read path (`hot-reads.ts`) answers repeated URLs with it.
   */
  readonly reread?: () => CachedJson | undefined;
}

export function cachedJsonOf(json: string, options: { etag?: string; isHit: boolean }): CachedJson {
  const body = Buffer.from(json, 'utf8');
  return {
    json,
    body,
    etag: options.etag ?? `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`,
    copies: new CompressedCopies(),
    isHit: options.isHit,
  };
}

/** What an entry weighs in memory: its bytes twice (text and body) plus the ETag. */
export function sizeOf(cached: CachedJson): number {
  return cached.body.length * 2 + cached.etag.length;
}

const negotiated = new Map<string, ContentEncoding | undefined>();

/**
 * The encoding to send for an `Accept-Encoding` header: brotli, else gzip, else none (identity). Honours q-values
 * (`br;q=0` refuses brotli, `*` stands for any encoding not named). Browsers send a handful of distinct headers, so
 * the answer is remembered per header value (a bounded table).
 */
export function negotiateEncoding(header: string | undefined): ContentEncoding | undefined {
  if (!header) return undefined;
  const known = negotiated.get(header);
  if (known !== undefined || negotiated.has(header)) return known;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    weights.set(name.trim(), q === undefined ? 1 : Number(q) || 0);
  }
  const weightOf = (name: ContentEncoding) => weights.get(name) ?? weights.get('*') ?? 0;
  const best = weightOf('br') >= weightOf('gzip') ? 'br' : 'gzip';
  const result = weightOf(best) > 0 ? best : undefined;
  if (negotiated.size >= 256) negotiated.clear();
  negotiated.set(header, result);
  return result;
}

/** How a cached JSON response goes out for one request: status, the headers it alone decides, and the bytes. */
export interface CachedAnswer {
  status: 200 | 304;
  headers: Record<string, string>;
  body?: Buffer;
}

/**
 * The answer for a request carrying `ifNoneMatch` and `acceptEncoding`, the same whichever path sends it (Fastify's
 * route or the hot-read path): browsers must revalidate every time (an admin's price change is visible at once),
 * and an unchanged answer costs them only a 304 thanks to the ETag computed once with the entry. A client that
 * accepts brotli or gzip gets the entry's compressed copy (`Vary` tells shared caches the body depends on
 * `Accept-Encoding`); a promise only while that copy is first made. `x-cache` says whether the answer was built
 * from MongoDB (`miss`), so hit rates can be watched from outside (bench/src/mixed.bench.ts).
 */
export function answerFor(
  cached: CachedJson,
  ifNoneMatch: string | undefined,
  acceptEncoding: string | undefined,
): CachedAnswer | Promise<CachedAnswer> {
  const headers: Record<string, string> = {
    'cache-control': 'no-cache',
    etag: cached.etag,
    vary: 'accept-encoding',
    'x-cache': cached.isHit ? 'hit' : 'miss',
  };
  if (ifNoneMatch === cached.etag) return { status: 304, headers };
  headers['content-type'] = JSON_TYPE;
  const encoding = negotiateEncoding(acceptEncoding);
  const copy = encoding && cached.copies.of(cached.body, encoding);
  const withCopy = (compressed: Buffer | undefined): CachedAnswer => {
    if (!compressed || !encoding) return { status: 200, headers, body: cached.body };
    headers['content-encoding'] = encoding;
    return { status: 200, headers, body: compressed };
  };
  return copy instanceof Promise ? copy.then(withCopy) : withCopy(copy);
}
