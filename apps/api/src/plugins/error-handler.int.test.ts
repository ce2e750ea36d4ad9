import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../lib/app-error.js';
import { request, startTestApp, type TestApp } from '../test-support/harness.test-support.js';

let ctx: TestApp;

beforeAll(async () => {
  ctx = await startTestApp(
    { BODY_LIMIT_BYTES: '2048' },
    {
      // Routes that exist only in this test, to exercise each branch of the one error handler.
      beforeListen: (app) => {
        const typed = app.withTypeProvider<ZodTypeProvider>();
        typed.post(
          '/api/_test/echo',
          { schema: { body: z.strictObject({ name: z.string().min(2), quantity: z.number().int().min(1) }) } },
          async (req) => req.body,
        );
        typed.get('/api/_test/boom', async () => {
          throw new Error('database password is hunter2 at /srv/app/secret.ts:42');
        });
        typed.get('/api/_test/stock', async () => {
          throw new AppError('INSUFFICIENT_STOCK', 'Only 2 left.', { meta: { available: 2 } });
        });
      },
    },
  );
});
afterAll(() => ctx.close());

describe('the error model', () => {
  it('when an API route does not exist, then the answer is a 404 problem document', async () => {
    const response = await request(ctx.url, 'GET', '/api/nope?x=1');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND', instance: '/api/nope' });
    expect(response.body.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('when the body has wrong types and unknown keys, then a 400 names every field', async () => {
    const response = await request(ctx.url, 'POST', '/api/_test/echo', {
      body: { name: 'x', quantity: -1, role: 'admin' },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    const paths = response.body.errors.map((error: { path: string }) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.quantity', 'body.role']));
  });

  it('when a field carries a MongoDB operator instead of a value, then it is rejected, not interpreted', async () => {
    const response = await request(ctx.url, 'POST', '/api/_test/echo', { body: { name: { $gt: '' }, quantity: 1 } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'body.name' })]);
  });

  it('when the body is malformed JSON, then the answer is 400, not 500', async () => {
    const response = await request(ctx.url, 'POST', '/api/_test/echo', {
      rawBody: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('BAD_REQUEST');
  });

  it('when the body exceeds the limit, then the answer is 413', async () => {
    const response = await request(ctx.url, 'POST', '/api/_test/echo', {
      body: { name: 'x'.repeat(5000), quantity: 1 },
    });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('when the content type is not supported, then the answer is 415', async () => {
    const response = await request(ctx.url, 'POST', '/api/_test/echo', {
      rawBody: 'name=x',
      headers: { 'content-type': 'text/csv' },
    });
    expect(response.status).toBe(415);
    expect(response.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('when a handler fails unexpectedly, then the client gets a 500 with a request id and no internals', async () => {
    const response = await request(ctx.url, 'GET', '/api/_test/boom');
    expect(response.status).toBe(500);
    expect(response.body.code).toBe('INTERNAL');
    expect(response.body.requestId).toEqual(expect.any(String));
    const text = JSON.stringify(response.body);
    expect(text).not.toMatch(/hunter2|secret\.ts|\bat\b.*:\d+/);
    expect(response.body).not.toHaveProperty('stack');
  });

  it('when a service throws an expected commerce error, then its code, status and facts reach the client', async () => {
    const response = await request(ctx.url, 'GET', '/api/_test/stock');
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'INSUFFICIENT_STOCK', detail: 'Only 2 left.', meta: { available: 2 } });
  });

  it('when a proxy sends a well-formed request id, then it is kept for correlation', async () => {
    const response = await request(ctx.url, 'GET', '/api/health', { headers: { 'x-request-id': 'edge-1234abcd' } });
    expect(response.headers.get('x-request-id')).toBe('edge-1234abcd');
  });

  it('when any response is sent, then the security headers are on it: the data set on API answers, the page set on pages', async () => {
    for (const path of ['/api/health', '/api/no-such-route']) {
      const data = await request(ctx.url, 'GET', path);
      expect(data.headers.get('content-security-policy'), path).toBe("default-src 'none';frame-ancestors 'none'");
      expect(data.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(data.headers.get('x-frame-options'), path).toBe('DENY');
      expect(data.headers.get('cross-origin-resource-policy'), path).toBe('same-origin');
      for (const pageOnly of [
        'referrer-policy',
        'cross-origin-opener-policy',
        'x-dns-prefetch-control',
        'x-xss-protection',
      ])
        expect(data.headers.get(pageOnly), `${path} ${pageOnly}`).toBeNull();
    }
    const page = await request(ctx.url, 'GET', '/account/orders');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });
});
