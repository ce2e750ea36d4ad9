import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The certificate `npm start -- --https` makes, so this proves the launcher's certificate and the API fit together.
import { ensureLocalCertificate } from '../../../scripts/src/lib/local-tls.js';
import { createUser } from './test-support/auth.test-support.js';
import { startTestApp, type TestApp } from './test-support/harness.test-support.js';

let ctx: TestApp;
let ca: Buffer;
const dir = mkdtempSync(join(tmpdir(), 'mercato-api-tls-'));
beforeAll(async () => {
  const certificate = await ensureLocalCertificate(join(dir, 'tls'));
  ca = readFileSync(certificate.caFile);
  ctx = await startTestApp({}, { tls: { certFile: certificate.certFile, keyFile: certificate.keyFile } });
});
afterAll(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request over TLS to the app, trusting `trusted` only (Node's own roots are not consulted when `ca` is set). */
function send(
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; trusted?: Buffer } = {},
): Promise<Reply> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      `${ctx.url}${path}`,
      {
        method,
        ca: options.trusted ?? ca,
        agent: false,
        headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...options.headers },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

const refreshCookieOf = (reply: Reply) => reply.headers['set-cookie']?.find((line) => line.startsWith('mercato_rt='));

describe('the API over HTTPS (TLS_CERT_FILE/TLS_KEY_FILE, https PUBLIC_URL)', () => {
  it('when a client trusting the local authority calls it, then it answers over TLS with HSTS; a client that does not trust it is refused', async () => {
    expect(ctx.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

    const health = await send('GET', '/api/health');

    expect(health.status).toBe(200);
    // A loopback origin gets a short HSTS: a year on localhost would force https on every local server there.
    expect(health.headers['strict-transport-security']).toBe('max-age=300');
    // Pages tell the browser to fetch everything over https; API answers load nothing at all.
    expect(String((await send('GET', '/')).headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    expect(health.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    const stranger = readFileSync((await ensureLocalCertificate(join(dir, 'other'))).caFile);
    await expect(send('GET', '/api/health', { trusted: stranger })).rejects.toMatchObject({
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
  });

  it('when a shopper logs in and refreshes over HTTPS, then every refresh cookie is Secure (and HttpOnly, SameSite=Strict)', async () => {
    const user = await createUser(ctx);

    const login = await send('POST', '/api/auth/login', { body: { email: user.email, password: user.password } });
    expect(login.status, login.body).toBe(200);
    const cookie = refreshCookieOf(login) ?? '';
    expect(cookie.split('; ')).toEqual(expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Strict']));
    expect(login.headers['strict-transport-security']).toBeDefined();

    const refreshed = await send('POST', '/api/auth/refresh', {
      headers: { cookie: cookie.split(';')[0] ?? '', origin: ctx.config.PUBLIC_URL },
    });
    expect(refreshed.status, refreshed.body).toBe(200);
    expect(refreshCookieOf(refreshed)?.split('; ')).toContain('Secure');
  });
});
