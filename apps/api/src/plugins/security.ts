import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../lib/app-error.js';
import { TokenBuckets } from '../lib/token-buckets.js';
import type { Config } from '../config/load-config.js';

/**
 * Security headers and rate limits.
 *
 * Headers: helmet's; API answers get the subset that matters for data (`isData`). The pages' CSP allows only what
 * the web app needs: its own scripts, styles, images (plus data:/blob: for previews) and API calls. Routes that serve other content (API docs, payment pages) set their own policy. The
 * set depends only on configuration (no nonces), so helmet computes it once at start-up and every response gets
 * the same headers in one step, instead of helmet rebuilding its middleware and re-parsing the CSP per request.
 *
 * Limits: RATE_LIMIT_MAX requests per RATE_LIMIT_WINDOW_SECONDS per client IP, counted in one of two places.
 * Reads (GET/HEAD: the storefront, a signed-in shopper's cart and account, mostly answered from the in-process
 * caches) are counted by each instance in its own memory (a token bucket: no Redis round trip on the hottest
 * paths), so behind N instances a client may make up to N times the limit across the shop; a read costs so little
 * that this protects as well. Writes (cart changes, checkout, admin edits) are counted in Redis and shared by every
 * instance, as are the auth throttles (`lib/throttle.ts`). Redis down: writes pass unthrottled until it is back.
 */
export const securityPlugin = fp(
  async (app: FastifyInstance) => {
    const pageHeaders = securityHeaders(helmetOptions(app.config));
    const dataHeaders = securityHeaders(dataHelmetOptions(app.config));
    await app.register(rateLimit, {
      global: false,
      max: app.config.RATE_LIMIT_MAX,
      timeWindow: app.config.RATE_LIMIT_WINDOW_SECONDS * 1_000,
      redis: app.redis,
      nameSpace: 'rl:global:',
      skipOnError: true,
    });
    const sharedLimit = app.createRateLimit();
    const localReads = new TokenBuckets(app.config.RATE_LIMIT_MAX, app.config.RATE_LIMIT_WINDOW_SECONDS * 1_000);
    // The hot-read path (lib/hot-reads.ts) answers before this hook could run: it sends the same headers and takes
    // from the same buckets.
    app.decorate('readGuard', { dataHeaders, takeRead: (ip: string) => localReads.take(ip) });

    // One hook for both, and a callback rather than a promise: it runs on every request, cached reads included.
    app.addHook('onRequest', (request, reply, done) => {
      void reply.headers(isData(request.url) ? dataHeaders : pageHeaders);
      if (isExempt(request)) return done();
      if (isRead(request)) {
        const wait = localReads.take(request.ip);
        return done(wait > 0 ? rateLimited(wait) : undefined);
      }
      sharedLimit(request).then(
        (limit) => done(limit.isAllowed ? undefined : withLimitHeaders(reply, limit)),
        () => done(), // Redis trouble: pass (the store already skips errors; this is belt and braces)
      );
    });
  },
  { name: 'security', dependencies: ['config', 'redis'] },
);

declare module 'fastify' {
  interface FastifyInstance {
    /** What every read answered outside Fastify's hooks must go through too: the data headers, the read limit. */
    readGuard: { dataHeaders: Readonly<Record<string, string>>; takeRead(ip: string): number };
  }
}

type SharedLimit = Exclude<Awaited<ReturnType<ReturnType<FastifyInstance['createRateLimit']>>>, { isAllowed: true }>;

/** The shared limit's headers on every counted response; an error when the request is over it. */
function withLimitHeaders(reply: FastifyReply, limit: SharedLimit): AppError | undefined {
  void reply
    .header('x-ratelimit-limit', limit.max)
    .header('x-ratelimit-remaining', limit.remaining)
    .header('x-ratelimit-reset', limit.ttlInSeconds);
  return limit.isExceeded ? rateLimited(limit.ttlInSeconds) : undefined;
}

function rateLimited(retryAfterSeconds: number): AppError {
  const seconds = Math.max(1, retryAfterSeconds);
  return new AppError('RATE_LIMITED', 'Too many requests; slow down and retry later.', {
    headers: { 'retry-after': String(seconds) },
    meta: { retryAfterSeconds: seconds },
  });
}

function isExempt(request: FastifyRequest): boolean {
  return (
    request.url === '/api/health' || request.url === '/api/ready' || request.routeOptions.config.rateLimit === false
  );
}

function isRead(request: FastifyRequest): boolean {
  return request.method === 'GET' || request.method === 'HEAD';
}

/**
 * API answers (JSON, problem+json, CSV exports) are data, never rendered as a page the shop meant: the headers that
 * matter for them are the ones that keep a browser from running, framing, sniffing or cross-origin-embedding them
 * (OWASP's REST Security Cheat Sheet), not the page-only ones (Referrer-Policy, COOP, Origin-Agent-Cluster,
 * X-DNS-Prefetch-Control, X-Download-Options, X-Permitted-Cross-Domain-Policies, X-XSS-Protection). Seven fewer header
 * lines on the hottest responses, the cached catalog and cart reads. The API docs are a page.
 */
function isData(url: string): boolean {
  return url.startsWith('/api/') && !url.startsWith('/api/docs');
}

function dataHelmetOptions(config: Config): Readonly<HelmetOptions> {
  return {
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    strictTransportSecurity: config.isHttps ? hstsFor(config.PUBLIC_URL) : false,
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
    originAgentCluster: false,
    referrerPolicy: false,
    xContentTypeOptions: true,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: { action: 'deny' },
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  };
}

function helmetOptions(config: Config): Readonly<HelmetOptions> {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.isHttps ? [] : null,
      },
    },
    strictTransportSecurity: config.isHttps ? hstsFor(config.PUBLIC_URL) : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  };
}

/** The headers helmet sets with these options, recorded from one run of its middleware. */
export function securityHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = value;
    },
    removeHeader: () => undefined,
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/**
 * A year with subdomains for a real host. On a loopback host (`npm start -- --https`) five minutes only: a browser
 * would otherwise force https on every local server on that name, on any port, for a year.
 */
function hstsFor(publicUrl: string): { maxAge: number; includeSubDomains: boolean } {
  const host = new URL(publicUrl).hostname;
  const isLoopback = host === 'localhost' || host === '[::1]' || /^127\./.test(host);
  return isLoopback ? { maxAge: 300, includeSubDomains: false } : { maxAge: 31_536_000, includeSubDomains: true };
}
