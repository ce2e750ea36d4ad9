import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Security headers and the global rate limit. The CSP allows only what the web app needs: its own scripts,
 * styles, images (plus data:/blob: for previews) and API calls. Routes that serve other content (API docs,
 * payment pages) set their own policy.
 */
export const securityPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(helmet, {
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
          upgradeInsecureRequests: app.config.isHttps ? [] : null,
        },
      },
      hsts: app.config.isHttps ? hstsFor(app.config.PUBLIC_URL) : false,
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    });

    await app.register(rateLimit, {
      global: true,
      max: app.config.RATE_LIMIT_MAX,
      timeWindow: app.config.RATE_LIMIT_WINDOW_SECONDS * 1_000,
      redis: app.redis,
      nameSpace: 'rl:global:',
      // Redis down must not take the shop down: requests pass unthrottled until it is back.
      skipOnError: true,
      allowList: (request) => request.url === '/api/health' || request.url === '/api/ready',
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        code: 'RATE_LIMITED',
        message: `Rate limit exceeded, retry in ${context.after}.`,
      }),
    });
  },
  { name: 'security', dependencies: ['config', 'redis'] },
);

/**
 * A year with subdomains for a real host. On a loopback host (`npm start -- --https`) five minutes only: a browser
 * would otherwise force https on every local server on that name, on any port, for a year.
 */
function hstsFor(publicUrl: string): { maxAge: number; includeSubDomains: boolean } {
  const host = new URL(publicUrl).hostname;
  const isLoopback = host === 'localhost' || host === '[::1]' || /^127\./.test(host);
  return isLoopback ? { maxAge: 300, includeSubDomains: false } : { maxAge: 31_536_000, includeSubDomains: true };
}
