import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompressedCopies, negotiateEncoding, type ContentEncoding } from '../lib/cached-response.js';
import { escapeHtml } from '../lib/html.js';
import { injectHead, type PageHead } from '../modules/seo/head.js';
import { sendProblem } from './error-handler.js';

/** Vite's output under assets/ is named by content hash: a changed file gets a new name, so it can be kept forever. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Files copied from public/ (favicon) keep their name across deploys. */
const UNHASHED = 'public, max-age=3600';
/** Pages are revalidated on every visit (a deploy or a price change shows at once); unchanged, that costs a 304. */
const PAGE = 'no-cache';
/** Pages rendered with their own head, kept with their compressed copies. About 2-5 KB each. */
const PAGE_CACHE_BYTES = 4 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};
const SUFFIXES: Record<ContentEncoding, string> = { br: '.br', gzip: '.gz' };

/** One file of the build as it goes on the wire: its bytes, and the copies the build compressed (.br, .gz). */
export interface StaticFile {
  type: string;
  cacheControl: string;
  /** Weak, over the uncompressed bytes: every encoding of the same file is the same resource (`Vary` says how). */
  etag: string;
  body: Buffer;
  encoded: Partial<Record<ContentEncoding, Buffer>>;
}

/** Where the built web app lives: WEB_DIST_DIR, else apps/web/dist next to this package. */
export function resolveWebDist(configured: string | undefined): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidate = configured ? resolve(configured) : resolve(here, '../../../web/dist');
  return existsSync(join(candidate, 'index.html')) ? candidate : undefined;
}

function etagOf(body: Buffer): string {
  return `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`;
}

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // Dot folders hold build metadata (.vite/manifest.json), not pages' files.
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile() && !/\.(br|gz)$/.test(entry.name)) yield full;
  }
}

/**
 * Every file of the build, read once at start-up (the whole app is about 1 MB) with the compressed copies the build
 * wrote next to it (apps/web/build-plugins/precompress.ts): nothing is read from disk or compressed per request.
 * Keyed by URL path.
 */
export function loadStaticFiles(root: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const file of filesUnder(root)) {
    const path = relative(root, file).split(sep).join('/');
    const body = readFileSync(file);
    const encoded: StaticFile['encoded'] = {};
    for (const encoding of ['br', 'gzip'] as const) {
      const copy = `${file}${SUFFIXES[encoding]}`;
      if (existsSync(copy)) encoded[encoding] = readFileSync(copy);
    }
    files.set(`/${path}`, {
      type: TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      cacheControl: path.startsWith('assets/') ? IMMUTABLE : UNHASHED,
      etag: etagOf(body),
      body,
      encoded,
    });
  }
  return files;
}

/** Pages whose code is a lazy chunk: the files to preload with them (written by the web build, route-preloads.ts). */
export interface RoutePreloads {
  pattern: RegExp;
  links: string;
}

/** The build's table of lazy pages' chunks, as ready-made `<link rel="modulepreload">` tags; empty without one. */
export function loadRoutePreloads(root: string): RoutePreloads[] {
  const file = join(root, '.vite', 'route-preloads.json');
  if (!existsSync(file)) return [];
  const table = JSON.parse(readFileSync(file, 'utf8')) as { pattern: string; files: string[] }[];
  return table.map(({ pattern, files }) => ({
    pattern: new RegExp(pattern),
    // crossorigin as on Vite's own module preloads, so the request matches the one the module loader makes.
    links: files.map((href) => `<link rel="modulepreload" crossorigin href="${escapeHtml(href)}">`).join(''),
  }));
}

/** True when `If-None-Match` names `etag` (weak comparison, as RFC 9110 asks for GET) or is `*`. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

interface Representation {
  type: string;
  cacheControl: string;
  etag: string;
  body: Buffer;
  /** The compressed copy for an encoding, if there is one (a promise while it is first made). */
  encoded: (encoding: ContentEncoding) => Buffer | Promise<Buffer | undefined> | undefined;
  isCompressible: boolean;
}

/**
 * Sends one representation: 304 when the client's copy is current, else the body in the best encoding the client
 * accepts that exists (brotli, then gzip, else as it is), with its exact Content-Length.
 */
async function sendRepresentation(
  request: FastifyRequest,
  reply: FastifyReply,
  representation: Representation,
): Promise<FastifyReply> {
  void reply.header('cache-control', representation.cacheControl).header('etag', representation.etag);
  if (representation.isCompressible) void reply.header('vary', 'accept-encoding');
  if (matchesEtag(request.headers['if-none-match'], representation.etag)) return reply.code(304).send();
  const encoding = representation.isCompressible ? negotiateEncoding(request.headers['accept-encoding']) : undefined;
  const encoded = encoding ? await representation.encoded(encoding) : undefined;
  if (encoding && encoded) void reply.header('content-encoding', encoding);
  return reply.type(representation.type).send(encoded ?? representation.body);
}

function fileRepresentation(file: StaticFile, cacheControl = file.cacheControl): Representation {
  return {
    type: file.type,
    cacheControl,
    etag: file.etag,
    body: file.body,
    encoded: (encoding) => file.encoded[encoding],
    isCompressible: file.encoded.br !== undefined || file.encoded.gzip !== undefined,
  };
}

interface RenderedPage {
  body: Buffer;
  etag: string;
  copies: CompressedCopies;
}

/**
 * Pages rendered with their own head, keyed by their exact HTML (so a changed product renders, and caches, a new
 * entry), least recently used first out. Each keeps its ETag and compressed copies (made on its first request that
 * accepts each encoding, by the catalog cache's `CompressedCopies`): a page is compressed once, not per visit.
 */
class PageCache {
  private readonly entries = new Map<string, RenderedPage>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(html: string): RenderedPage {
    const known = this.entries.get(html);
    if (known) {
      this.entries.delete(html);
      this.entries.set(html, known);
      return known;
    }
    const body = Buffer.from(html, 'utf8');
    const page: RenderedPage = { body, etag: etagOf(body), copies: new CompressedCopies() };
    this.entries.set(html, page);
    this.bytes += body.length * 2; // the key and the bytes
    page.copies.retain((grown) => {
      this.bytes += grown;
    });
    for (const [key, old] of this.entries) {
      if (this.bytes <= this.maxBytes || old === page) break;
      this.entries.delete(key);
      this.bytes -= old.body.length * 2; // its compressed copies (a third of that, or less) are not counted back
    }
    return page;
  }
}

/**
 * Serves the built single-page app: fingerprinted assets cached forever, pages revalidated on every visit, and any
 * unknown non-API GET answered with the app's HTML so client-side routes survive a reload. Product, category and
 * home pages get their SEO head (title, description, canonical, Open Graph, JSON-LD, LCP image preload, the API
 * responses their first render needs) in that HTML, and pages the app loads lazily a preload of their chunks. Text
 * goes out pre-compressed (brotli or gzip, by Accept-Encoding). API paths that match nothing get a problem document
 * instead.
 */
export const webAppPlugin = fp(
  async (app: FastifyInstance, options: { headFor?: (url: string) => Promise<PageHead | null> }) => {
    const root = resolveWebDist(app.config.WEB_DIST_DIR);
    const files = root ? loadStaticFiles(root) : new Map<string, StaticFile>();
    const shell = files.get('/index.html');
    const shellHtml = shell?.body.toString('utf8') ?? '';
    const pages = new PageCache(PAGE_CACHE_BYTES);
    const routePreloads = root ? loadRoutePreloads(root) : [];

    if (shell) {
      for (const [path, file] of files) {
        if (path === '/index.html') continue;
        // The API's own answer wins over a file of the same name (a robots.txt left in public/).
        if (app.hasRoute({ method: 'GET', url: encodeURI(path) })) {
          app.log.warn({ path }, 'web app file shadowed by an API route; not served');
          continue;
        }
        app.get(encodeURI(path), { schema: { hide: true } }, (request, reply) =>
          sendRepresentation(request, reply, fileRepresentation(file)),
        );
      }
      app.get('/', { schema: { hide: true } }, (request, reply) => sendPage(request, reply, shell));
      app.get('/index.html', { schema: { hide: true } }, (request, reply) => sendPage(request, reply, shell));
    } else {
      app.log.info('web app not built (apps/web/dist missing): serving the API only');
    }

    async function sendPage(request: FastifyRequest, reply: FastifyReply, shell: StaticFile): Promise<FastifyReply> {
      const path = request.url.split('?')[0] ?? '/';
      const head = options.headFor ? await options.headFor(request.url).catch(() => null) : null;
      const preloads = routePreloads.find(({ pattern }) => pattern.test(path))?.links;
      // Without a head or preloads of its own the page is the shell as built, with the build's best-quality copies.
      if (!head && !preloads) return sendRepresentation(request, reply, fileRepresentation(shell, PAGE));
      let html = head ? injectHead(shellHtml, head) : shellHtml;
      if (preloads) html = html.replace('</head>', () => `${preloads}</head>`);
      const page = pages.get(html);
      return sendRepresentation(request, reply, {
        type: 'text/html; charset=utf-8',
        cacheControl: PAGE,
        etag: page.etag,
        body: page.body,
        encoded: (encoding) => page.copies.of(page.body, encoding),
        isCompressible: true,
      });
    }

    app.setNotFoundHandler((request, reply) => {
      if (shell && isPageRequest(request)) return sendPage(request, reply, shell);
      return sendProblem(
        request,
        reply,
        'ROUTE_NOT_FOUND',
        `No route for ${request.method} ${request.url.split('?')[0]}.`,
      );
    });
  },
  { name: 'web-app', dependencies: ['config'] },
);

function isPageRequest(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0] ?? '';
  if (path === '/api' || path.startsWith('/api/') || path.startsWith('/media/')) return false;
  // A missing file with an extension (e.g. /assets/old-hash.js) is a real 404, not a page.
  return !/\.[a-z0-9]{1,8}$/i.test(path);
}
