import type { FastifyBaseLogger } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerFor, type CachedAnswer, type CachedJson } from './cached-response.js';
import { requestIdFrom } from './request-id.js';

export interface HotReadsOptions {
  /** The security headers every API answer carries (the `/api/*` data set). */
  securityHeaders: Readonly<Record<string, string>>;
  /** The per-instance read limit: 0 when the client may go on (as the security plugin's onRequest hook). */
  takeRead(ip: string): number;
  /** The client's address as Fastify's `request.ip` gives it (proxy headers trusted or not, per TRUST_PROXY). */
  ipOf(request: IncomingMessage): string;
  /** False while the server closes or drains: Fastify then answers (and closes the connection). */
  isOpen(): boolean;
  log: FastifyBaseLogger & { isLevelEnabled?: (level: string) => boolean };
  /** Distinct URLs remembered; past it the table starts again (a crawler's long tail must not grow it forever). */
  maxUrls?: number;
}

/**
 * The client's address as Fastify's `request.ip` has it: the socket's peer, or with TRUST_PROXY (every proxy
 * trusted) the first address of X-Forwarded-For, as `@fastify/proxy-addr` picks it when it trusts every hop.
 */
export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  const peer = request.socket.remoteAddress ?? '';
  const header = trustProxy ? request.headers['x-forwarded-for'] : undefined;
  if (header === undefined) return peer;
  const forwarded = Array.isArray(header) ? header.join(',') : header;
  const first = forwarded.slice(0, (forwarded.indexOf(',') + 1 || forwarded.length + 1) - 1);
  return first.replace(/^ +| +$/g, '');
}

/**
 * The hot-read path: repeated GETs of the public, cached storefront reads (catalog listings, product pages,
 * search) answered from the in-process cache before Fastify builds a request, routes it, validates it and runs its
 * hooks: on a warm cache that machinery was most of the work of a response (bench/results/catalog.md).
 *
 * It only ever answers a URL Fastify itself answered before from an entry held in memory (`learn`, called by
 * `sendJson`): such an answer depends on nothing but the exact URL (no cookie, no header but the conditional and
 * encoding ones, which are handled the same way, by `answerFor`), and the URL passed the route's validation
 * then. Each time it asks the cache for the entry as it stands now (`reread`: the current, subscribed versions, as
 * a memory hit would), so it can never be staler than the cache itself. Anything else goes to Fastify: another
 * method, an unknown URL, an entry gone or out of date, a compressed copy still being made, a client over its
 * read limit (Fastify answers the 429), a server shutting down. The response is the one Fastify would send, header
 * for header (tested in hot-reads.int.test.ts).
 */
export class HotReads {
  private readonly urls = new Map<string, () => CachedJson | undefined>();
  private readonly securityHeaders: string[];
  private readonly maxUrls: number;
  /** Responses sent by this path (for tests and the cache's stats). */
  served = 0;

  constructor(private readonly options: HotReadsOptions) {
    this.securityHeaders = Object.entries(options.securityHeaders).flat();
    this.maxUrls = options.maxUrls ?? 10_000;
  }

  /** `url` is answered by the entry `reread` finds (a route served it from memory). */
  learn(url: string, reread: () => CachedJson | undefined): void {
    const known = this.urls.get(url);
    if (known === reread) return;
    if (known === undefined && this.urls.size >= this.maxUrls) this.urls.clear();
    this.urls.set(url, reread);
  }

  /** How many URLs it knows. */
  get size(): number {
    return this.urls.size;
  }

  /** Answers `request` and returns true, or returns false having written nothing (Fastify takes it). */
  serve(request: IncomingMessage, response: ServerResponse): boolean {
    if (request.method !== 'GET' || request.url === undefined) return false;
    const reread = this.urls.get(request.url);
    if (reread === undefined || !this.options.isOpen()) return false;
    const cached = reread();
    if (cached === undefined) {
      this.urls.delete(request.url);
      return false;
    }
    const answer = answerFor(cached, request.headers['if-none-match'], request.headers['accept-encoding']);
    if (answer instanceof Promise || this.options.takeRead(this.options.ipOf(request)) > 0) return false;
    this.send(request, response, answer);
    return true;
  }

  private send(request: IncomingMessage, response: ServerResponse, answer: CachedAnswer): void {
    const startedAt = performance.now();
    const requestId = requestIdFrom(request);
    // One flat list (name, value, name, value…): Node takes it as is, without an object to walk per response.
    const headers = [...this.securityHeaders, 'x-request-id', requestId];
    for (const name in answer.headers) headers.push(name, answer.headers[name] as string);
    if (answer.body) headers.push('content-length', String(answer.body.length));
    response.writeHead(answer.status, headers);
    response.end(answer.body);
    this.served += 1;
    // Fastify logs each request at info; so does this path, in one line, when that level is on.
    if (this.options.log.isLevelEnabled?.('info') !== false)
      this.options.log.info(
        {
          reqId: requestId,
          method: request.method,
          url: request.url,
          statusCode: answer.status,
          responseTime: performance.now() - startedAt,
          path: 'hot-read',
        },
        'request completed',
      );
  }
}
