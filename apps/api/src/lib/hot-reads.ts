import type { FastifyBaseLogger } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestAuth } from '../plugins/auth.js';
import { answerFor, JSON_TYPE, type CachedAnswer, type CachedJson } from './cached-response.js';
import { requestIdFrom } from './request-id.js';

/** A signed-in read's answer for the signed-in user: its JSON text, exactly what the route sends. */
export interface SignedInRead {
  /** The answer as the route makes it. */
  load(auth: RequestAuth): Promise<string>;
  /** The answer in one step, when everything it needs is held in memory; undefined otherwise (`load` answers). */
  held?(auth: RequestAuth): string | undefined;
}

const JSON_HEADERS = { 'content-type': JSON_TYPE };

export interface HotReadsOptions {
  /** The security headers every API answer carries (the `/api/*` data set). */
  securityHeaders: Readonly<Record<string, string>>;
  /** The per-instance read limit: 0 when the client may go on (as the security plugin's onRequest hook). */
  takeRead(ip: string): number;
  /** The client's address as Fastify's `request.ip` gives it (proxy headers trusted or not, per TRUST_PROXY). */
  ipOf(request: IncomingMessage): string;
  /** False while the server closes or drains: Fastify then answers (and closes the connection). */
  isOpen(): boolean;
  /** The signed-in user of a request with a bearer token, or null for anything not valid and live (as `optionalAuth`). */
  authenticate(request: IncomingMessage): Promise<RequestAuth | null>;
  /** `authenticate` in one step from what is held in memory, or undefined when it cannot be told so (as `heldAuth`). */
  heldAuth(request: IncomingMessage): RequestAuth | undefined;
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
 * Of the public reads it only ever answers a URL Fastify itself answered before from an entry held in memory
 * (`learn`, called by `sendJson`): such an answer depends on nothing but the exact URL (no cookie, no header but the
 * conditional and encoding ones, which are handled the same way, by `answerFor`), and the URL passed the route's
 * validation then. Each time it asks the cache for the entry as it stands now (`reread`: the current, subscribed versions, as
 * a memory hit would), so it can never be staler than the cache itself. Anything else goes to Fastify: another
 * method, an unknown URL, an entry gone or out of date, a compressed copy still being made, a client over its
 * read limit (Fastify answers the 429), a server shutting down. The response is the one Fastify would send, header
 * for header (tested in hot-reads.int.test.ts).
 *
 * Signed-in reads (the cart, the profile: `answerSignedIn`) are answered the same way when the request carries a
 * bearer token that is valid for a live session (the very check the route's `authenticate` hook makes, from the
 * shopper cache) and the route's own answer function gives their JSON; anything else (no or a bad token, an
 * error, an unknown URL such as one with a query string) goes to Fastify, which answers as it always did. Their
 * answers are read per request, never remembered here: what is cached, and how it is kept current, is the
 * shopper cache's business.
 */
export class HotReads {
  private readonly urls = new Map<string, () => CachedJson | undefined>();
  private readonly signedIn = new Map<string, SignedInRead>();
  private readonly securityHeaders: string[];
  private readonly maxUrls: number;
  /** Responses sent by this path (for tests and the cache's stats). */
  served = 0;
  /** Of those, signed-in reads answered in one step from memory (`SignedInRead.held`). */
  servedHeld = 0;

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

  /** `url` (exactly: no query string), requested with a bearer token, is answered by `read` for its user. */
  answerSignedIn(url: string, read: SignedInRead): void {
    this.signedIn.set(url, read);
  }

  /** How many URLs it knows. */
  get size(): number {
    return this.urls.size;
  }

  /**
   * Answers `request` and returns true, or returns false having written nothing (Fastify takes it). A signed-in
   * read is answered later: true is returned at once, and `routed` hands it to Fastify if it cannot be answered.
   */
  serve(request: IncomingMessage, response: ServerResponse, routed: () => void): boolean {
    if (request.method !== 'GET' || request.url === undefined) return false;
    const signedIn = request.headers.authorization === undefined ? undefined : this.signedIn.get(request.url);
    if (signedIn !== undefined) return this.serveSignedIn(request, response, signedIn, routed);
    const reread = this.urls.get(request.url);
    if (reread === undefined || !this.options.isOpen()) return false;
    const cached = reread();
    if (cached === undefined) {
      this.urls.delete(request.url);
      return false;
    }
    const answer = answerFor(cached, request.headers['if-none-match'], request.headers['accept-encoding']);
    if (answer instanceof Promise || this.isOverReadLimit(request)) return false;
    this.send(request, response, answer);
    return true;
  }

  private serveSignedIn(
    request: IncomingMessage,
    response: ServerResponse,
    read: SignedInRead,
    routed: () => void,
  ): boolean {
    // The read limit first, as the security hook takes it: a client over it costs no token check or load here.
    if (!this.options.isOpen() || this.isOverReadLimit(request)) return false;
    // A warm read is answered at once, without a promise: the answer, the session and the token are all held.
    const known = read.held ? this.options.heldAuth(request) : undefined;
    const json = known && read.held?.(known);
    if (json !== undefined) {
      this.send(request, response, { status: 200, headers: JSON_HEADERS, body: json });
      this.servedHeld += 1;
      return true;
    }
    // A GET has no body to read meanwhile, so Fastify can still take the request once this has stepped aside. (It
    // then takes from the client's read bucket again: a refused token costs two reads, which only helps the limit.)
    // A session told live from memory a moment ago is not checked again.
    (known ? Promise.resolve(known) : this.options.authenticate(request))
      .then((auth) => (auth ? read.load(auth) : undefined))
      .then(
        (json) => {
          if (json === undefined || !this.options.isOpen()) return routed();
          this.send(request, response, { status: 200, headers: JSON_HEADERS, body: json });
        },
        // An error is Fastify's to answer (its error handler, its problem+json): it runs the route again.
        () => routed(),
      )
      .catch((error: unknown) => {
        // Sending (or handing over) itself failed: nothing is left to answer with, so the connection goes.
        this.options.log.error({ err: error }, 'a signed-in hot read failed while it answered');
        if (!response.headersSent) response.destroy();
      });
    return true;
  }

  /** Takes one read from the client's bucket (as the security hook does): true when it has none left. */
  private isOverReadLimit(request: IncomingMessage): boolean {
    return this.options.takeRead(this.options.ipOf(request)) > 0;
  }

  private send(
    request: IncomingMessage,
    response: ServerResponse,
    answer: Omit<CachedAnswer, 'body' | 'status'> & { status: number; body?: Buffer | string },
  ): void {
    const startedAt = performance.now();
    const requestId = requestIdFrom(request);
    // One flat list (name, value, name, value…): Node takes it as is, without an object to walk per response.
    const headers = [...this.securityHeaders, 'x-request-id', requestId];
    for (const name in answer.headers) headers.push(name, answer.headers[name] as string);
    const { body } = answer;
    if (body !== undefined) headers.push('content-length', String(Buffer.byteLength(body)));
    response.writeHead(answer.status, headers);
    response.end(body);
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
