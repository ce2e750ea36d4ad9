import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { buildUrl, createApiClient, type ApiClientDeps } from './api-client.js';
import { ApiError } from './api-error.js';

const ZItemSchema = z.object({ id: z.string(), name: z.string() });

type FakeFetch = ReturnType<typeof vi.fn<ApiClientDeps['fetch']>>;

function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

function problemResponse(problem: Record<string, unknown>, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(problem), {
    status: Number(problem.status),
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

const tokenInvalid = {
  type: 'https://mercato.dev/problems/token-invalid',
  title: 'Unauthorized',
  status: 401,
  code: 'TOKEN_INVALID',
};

function setup(overrides: Partial<ApiClientDeps> = {}, token: string | null = null) {
  const state = { token };
  const fetch: FakeFetch = vi.fn<ApiClientDeps['fetch']>();
  const apiFetch = createApiClient({ fetch, getAccessToken: () => state.token, ...overrides });
  return { apiFetch, fetch, state };
}

function sentHeaders(fetch: FakeFetch, call = 0): Headers {
  return new Headers(fetch.mock.calls[call]?.[1].headers);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: unknown) => error,
  );
}

describe('apiFetch: success', () => {
  it('when the response matches the schema, then the parsed data is returned (unknown keys stripped)', async () => {
    const { apiFetch, fetch } = setup();
    fetch.mockResolvedValue(jsonResponse({ id: 'p1', name: 'Mug', internal: true }));

    const item = await apiFetch('/api/products/p1', { schema: ZItemSchema });

    expect(item).toEqual({ id: 'p1', name: 'Mug' });
  });

  it('when a body and query are given, then JSON is sent same-origin with the query string', async () => {
    const { apiFetch, fetch } = setup();
    fetch.mockResolvedValue(new Response(null, { status: 204 }));

    await apiFetch('/api/cart/items', {
      method: 'POST',
      body: { sku: 'A', qty: 2 },
      query: { tag: ['a', 'b'], x: null },
    });

    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/api/cart/items?tag=a&tag=b');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{"sku":"A","qty":2}' });
    expect(sentHeaders(fetch).get('content-type')).toBe('application/json');
    expect(sentHeaders(fetch).get('accept')).toContain('application/problem+json');
  });

  it('when an access token is stored, then it is sent as a Bearer token; without one, no header', async () => {
    const signedIn = setup({}, 'jwt-1');
    const signedOut = setup();
    signedIn.fetch.mockResolvedValue(new Response(null, { status: 204 }));
    signedOut.fetch.mockResolvedValue(new Response(null, { status: 204 }));

    await signedIn.apiFetch('/api/me');
    await signedOut.apiFetch('/api/me');

    expect(sentHeaders(signedIn.fetch).get('authorization')).toBe('Bearer jwt-1');
    expect(sentHeaders(signedOut.fetch).has('authorization')).toBe(false);
  });

  it('when the body is FormData, then it is sent as-is so the browser sets the multipart boundary', async () => {
    const { apiFetch, fetch } = setup();
    fetch.mockResolvedValue(new Response(null, { status: 204 }));
    const form = new FormData();
    form.append('file', new Blob(['x']), 'a.png');

    await apiFetch('/api/admin/uploads', { method: 'POST', body: form });

    expect(fetch.mock.calls[0]?.[1].body).toBe(form);
    expect(sentHeaders(fetch).has('content-type')).toBe(false);
  });
});

describe('apiFetch: failures', () => {
  it('when the API answers problem+json, then an ApiError carries status, code, detail, field errors, request id', async () => {
    const { apiFetch, fetch } = setup();
    fetch.mockResolvedValue(
      problemResponse({
        type: 'https://mercato.dev/problems/validation-failed',
        title: 'Bad Request',
        status: 400,
        code: 'VALIDATION_FAILED',
        detail: 'Request validation failed',
        requestId: 'req-42',
        errors: [{ path: 'body.email', message: 'Invalid email' }],
      }),
    );

    const error = await rejection(apiFetch('/api/auth/signup', { method: 'POST', body: {}, schema: ZItemSchema }));

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'Request validation failed',
      message: 'Request validation failed',
      requestId: 'req-42',
      errors: [{ path: 'body.email', message: 'Invalid email' }],
    });
  });

  it('when the problem has no requestId, then the x-request-id header is used', async () => {
    const { apiFetch, fetch } = setup();
    fetch.mockResolvedValue(
      problemResponse(
        { type: 't', title: 'Conflict', status: 409, code: 'INSUFFICIENT_STOCK', meta: { available: 1 } },
        { 'x-request-id': 'req-7' },
      ),
    );

    const error = await rejection(apiFetch('/api/cart/items', { method: 'POST', body: {} }));

    expect(error).toMatchObject({ code: 'INSUFFICIENT_STOCK', message: 'Conflict', requestId: 'req-7' });
    expect((error as ApiError).meta).toEqual({ available: 1 });
  });

  it('when something other than the API answers (HTML 502 from a proxy), then the status decides the code', async () => {
    const { apiFetch, fetch } = setup();
    fetch.mockResolvedValue(
      new Response('<h1>Bad gateway</h1>', { status: 502, headers: { 'content-type': 'text/html' } }),
    );

    const error = await rejection(apiFetch('/api/health', { schema: ZItemSchema }));

    expect(error).toMatchObject({ status: 502, code: 'SERVICE_UNAVAILABLE', errors: [] });
  });

  it('when a JSON error body is not a valid problem document, then it falls back to the status', async () => {
    const { apiFetch, fetch } = setup();
    fetch.mockResolvedValue(jsonResponse({ error: 'nope' }, 404));

    const error = await rejection(apiFetch('/api/products/x'));

    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('when fetch itself fails, then an ApiError NETWORK_ERROR with status 0 and a clear message is thrown', async () => {
    const { apiFetch, fetch } = setup();
    fetch.mockRejectedValue(new TypeError('Failed to fetch'));

    const error = await rejection(apiFetch('/api/health'));

    expect(error).toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
    expect((error as ApiError).message).toMatch(/could not reach/i);
    expect((error as ApiError).cause).toBeInstanceOf(TypeError);
  });

  it('when the request was aborted, then the abort error is rethrown untouched (cancellation is not a failure)', async () => {
    const { apiFetch, fetch } = setup();
    const controller = new AbortController();
    controller.abort();
    fetch.mockImplementation((_url, init) => Promise.reject(init.signal?.reason));

    const error = await rejection(apiFetch('/api/health', { signal: controller.signal }));

    expect(error).not.toBeInstanceOf(ApiError);
    expect((error as Error).name).toBe('AbortError');
  });

  it('when a 2xx body does not match the schema, then INVALID_RESPONSE is thrown with the zod error as cause', async () => {
    const { apiFetch, fetch } = setup();
    fetch.mockResolvedValue(jsonResponse({ id: 1 }));

    const error = await rejection(apiFetch('/api/products/p1', { schema: ZItemSchema }));

    expect(error).toMatchObject({ status: 200, code: 'INVALID_RESPONSE' });
    expect((error as ApiError).cause).toBeInstanceOf(z.ZodError);
  });

  it('when a 2xx body is not JSON, then INVALID_RESPONSE is thrown', async () => {
    const { apiFetch, fetch } = setup();
    fetch.mockResolvedValue(new Response('<!doctype html>', { status: 200, headers: { 'content-type': 'text/html' } }));

    const error = await rejection(apiFetch('/api/health', { schema: ZItemSchema }));

    expect(error).toMatchObject({ code: 'INVALID_RESPONSE' });
  });
});

describe('apiFetch.json: typed from a contract, not parsed', () => {
  it('when the response is JSON, then it is returned as sent (no schema, so unknown keys stay)', async () => {
    const { apiFetch, fetch } = setup();
    fetch.mockResolvedValue(jsonResponse({ id: 'p1', name: 'Mug', internal: true }));

    const item = await apiFetch.json<typeof ZItemSchema>('/api/products/p1');

    expect(item).toEqual({ id: 'p1', name: 'Mug', internal: true });
    expect(sentHeaders(fetch).get('accept')).toBe('application/json, application/problem+json');
  });

  it('when a 2xx body is not JSON, then INVALID_RESPONSE is thrown', async () => {
    const { apiFetch, fetch } = setup();
    fetch.mockResolvedValue(new Response('<!doctype html>', { status: 200, headers: { 'content-type': 'text/html' } }));

    const error = await rejection(apiFetch.json<typeof ZItemSchema>('/api/products/p1'));

    expect(error).toMatchObject({ status: 200, code: 'INVALID_RESPONSE' });
  });

  it('when the API answers a problem, then it rejects with the ApiError, after one refresh on TOKEN_INVALID', async () => {
    const refreshAccessToken = vi.fn(async () => {
      harness.state.token = 'jwt-2';
      return true;
    });
    const harness = setup({ refreshAccessToken }, 'jwt-1');
    harness.fetch
      .mockResolvedValueOnce(problemResponse(tokenInvalid))
      .mockResolvedValueOnce(
        problemResponse({ ...tokenInvalid, status: 404, code: 'NOT_FOUND', detail: 'No such cart.' }),
      );

    const error = await rejection(harness.apiFetch.json<typeof ZItemSchema>('/api/cart'));

    expect(refreshAccessToken).toHaveBeenCalledTimes(1);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'No such cart.' });
  });
});

describe('apiFetch.json: responses the page came with', () => {
  it('when the page carries the response of a GET, then it is used once without a request; the next read fetches', async () => {
    const prefetched = new Map<string, unknown>([['/api/products?category=mugs&page=2', { items: ['from the page'] }]]);
    const takePrefetched = (url: string) => {
      const body = prefetched.get(url);
      prefetched.delete(url);
      return body;
    };
    const { apiFetch, fetch } = setup({ takePrefetched });
    fetch.mockResolvedValue(jsonResponse({ items: ['from the API'] }));
    const read = () => apiFetch.json<typeof ZItemSchema>('/api/products', { query: { category: 'mugs', page: 2 } });

    expect(await read()).toEqual({ items: ['from the page'] });
    expect(fetch).not.toHaveBeenCalled();
    expect(await read()).toEqual({ items: ['from the API'] });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('when the request is not a GET, then it always goes to the API', async () => {
    const { apiFetch, fetch } = setup({ takePrefetched: () => ({ items: ['from the page'] }) });
    fetch.mockResolvedValue(jsonResponse({ id: 'cart' }));

    expect(await apiFetch.json<typeof ZItemSchema>('/api/cart/items', { method: 'POST', body: {} })).toEqual({
      id: 'cart',
    });
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe('apiFetch: access-token refresh', () => {
  it('when the API answers 401 TOKEN_INVALID, then refreshAccessToken runs once and the request is retried', async () => {
    const refreshAccessToken = vi.fn(async () => {
      harness.state.token = 'jwt-2';
      return true;
    });
    const harness = setup({ refreshAccessToken }, 'jwt-1');
    harness.fetch
      .mockResolvedValueOnce(problemResponse(tokenInvalid))
      .mockResolvedValueOnce(jsonResponse({ id: 'u1', name: 'Ada' }));

    const me = await harness.apiFetch('/api/me', { schema: ZItemSchema });

    expect(me).toEqual({ id: 'u1', name: 'Ada' });
    expect(refreshAccessToken).toHaveBeenCalledTimes(1);
    expect(sentHeaders(harness.fetch, 1).get('authorization')).toBe('Bearer jwt-2');
  });

  it('when the refresh fails, then the original TOKEN_INVALID error is thrown and nothing is retried', async () => {
    const refreshAccessToken = vi.fn(async () => false);
    const { apiFetch, fetch } = setup({ refreshAccessToken }, 'jwt-1');
    fetch.mockResolvedValue(problemResponse(tokenInvalid));

    const error = await rejection(apiFetch('/api/me'));

    expect(error).toMatchObject({ status: 401, code: 'TOKEN_INVALID' });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('when the retried request is rejected again, then there is no second refresh (no loop)', async () => {
    const refreshAccessToken = vi.fn(async () => true);
    const { apiFetch, fetch } = setup({ refreshAccessToken }, 'jwt-1');
    fetch.mockImplementation(async () => problemResponse(tokenInvalid));

    await expect(apiFetch('/api/me')).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    expect(refreshAccessToken).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('when other 401 codes come back (INVALID_CREDENTIALS), then no refresh is attempted', async () => {
    const refreshAccessToken = vi.fn(async () => true);
    const { apiFetch, fetch } = setup({ refreshAccessToken });
    fetch.mockResolvedValue(problemResponse({ ...tokenInvalid, code: 'INVALID_CREDENTIALS' }));

    await expect(apiFetch('/api/auth/login', { method: 'POST', body: {} })).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    expect(refreshAccessToken).not.toHaveBeenCalled();
  });

  it('when several requests hit TOKEN_INVALID at once, then they share a single refresh', async () => {
    let release: (value: boolean) => void = () => {};
    const refreshAccessToken = vi.fn(() => new Promise<boolean>((resolve) => (release = resolve)));
    const harness = setup({ refreshAccessToken }, 'jwt-1');
    harness.fetch.mockImplementation(async (_url, init) =>
      new Headers(init.headers).get('authorization') === 'Bearer jwt-2'
        ? jsonResponse({ id: 'u1', name: 'Ada' })
        : problemResponse(tokenInvalid),
    );

    const requests = [1, 2, 3].map(() => harness.apiFetch('/api/me', { schema: ZItemSchema }));
    await vi.waitFor(() => expect(refreshAccessToken).toHaveBeenCalled());
    harness.state.token = 'jwt-2';
    release(true);

    await expect(Promise.all(requests)).resolves.toHaveLength(3);
    expect(refreshAccessToken).toHaveBeenCalledTimes(1);
  });
});

describe('apiFetch.response: unread bodies (event streams)', () => {
  it("when the answer is 2xx, then the Response comes back unread with the caller's Accept header", async () => {
    const { apiFetch, fetch } = setup({}, 'jwt-1');
    fetch.mockResolvedValue(new Response('event: ready\ndata: {}\n\n', { status: 200 }));

    const response = await apiFetch.response('/api/stream', { headers: { accept: 'text/event-stream' } });

    expect(response.bodyUsed).toBe(false);
    expect(await response.text()).toBe('event: ready\ndata: {}\n\n');
    expect(sentHeaders(fetch).get('accept')).toBe('text/event-stream');
    expect(sentHeaders(fetch).get('authorization')).toBe('Bearer jwt-1');
  });

  it('when it answers 401 TOKEN_INVALID, then the token is refreshed and the stream opened again with the new one', async () => {
    const refreshAccessToken = vi.fn(async () => {
      harness.state.token = 'jwt-2';
      return true;
    });
    const harness = setup({ refreshAccessToken }, 'jwt-1');
    harness.fetch
      .mockResolvedValueOnce(problemResponse(tokenInvalid))
      .mockResolvedValueOnce(new Response('', { status: 200 }));

    const response = await harness.apiFetch.response('/api/stream');

    expect(response.status).toBe(200);
    expect(refreshAccessToken).toHaveBeenCalledTimes(1);
    expect(sentHeaders(harness.fetch, 1).get('authorization')).toBe('Bearer jwt-2');
  });

  it('when it answers an error, then the ApiError is thrown as for any call', async () => {
    const { apiFetch, fetch } = setup();
    fetch.mockResolvedValue(problemResponse({ ...tokenInvalid, status: 403, code: 'FORBIDDEN' }));

    await expect(apiFetch.response('/api/stream')).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });
});

describe('buildUrl', () => {
  it('when values are null/undefined they are skipped; arrays repeat the key; existing ? is respected', () => {
    expect(buildUrl('/api/products', { q: 'red mug', page: 2, inStock: true, min: undefined, max: null })).toBe(
      '/api/products?q=red+mug&page=2&inStock=true',
    );
    expect(buildUrl('/api/x?a=1', { b: [1, 2] })).toBe('/api/x?a=1&b=1&b=2');
    expect(buildUrl('/api/x', {}, 'http://api.test')).toBe('http://api.test/api/x');
  });
});
