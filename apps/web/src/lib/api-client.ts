import type { z } from 'zod';
import { ApiError, codeForStatus, messageForStatus } from './api-error.js';
import { getAccessToken } from './auth-token-store.js';
import { takePrefetched } from './prefetched.js';
import { readProblem } from './problem.js';

export type THttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type TQueryValue = string | number | boolean | null | undefined;
export type TQuery = Readonly<Record<string, TQueryValue | readonly TQueryValue[]>>;

export interface ApiRequestOptions {
  method?: THttpMethod;
  /** Sent as JSON, or as-is when it is a FormData (image uploads). */
  body?: unknown;
  /** Appended as a query string; null/undefined values are skipped, arrays repeat the key. */
  query?: TQuery;
  /** Extra headers, e.g. `Idempotency-Key`. */
  headers?: Readonly<Record<string, string>>;
  signal?: AbortSignal | undefined;
}

/** `apiFetch` with a schema resolves to the parsed response; without one it resolves to void (e.g. 204). */
export interface ApiFetch {
  <TSchema extends z.ZodType>(
    path: string,
    options: ApiRequestOptions & { schema: TSchema },
  ): Promise<z.output<TSchema>>;
  (path: string, options?: ApiRequestOptions & { schema?: undefined }): Promise<void>;
  /**
   * The JSON body typed from a contract in @mercato/shared (`apiFetch.json<typeof ZCartSchema>(…)`), not parsed.
   * For the storefront's first-load reads (catalog, cart, session, store settings): a schema would bring zod into
   * that bundle (~25 KB gzip), and the API already validates every response it serialises with the same schemas. A
   * body that is not JSON is still `INVALID_RESPONSE`; admin, account and checkout screens keep parsing with schemas.
   * A GET the page came with a response for (`takePrefetched`) is answered from it, once, without a request.
   */
  json<TSchema extends z.ZodType>(path: string, options?: ApiRequestOptions): Promise<z.output<TSchema>>;
  /**
   * The successful `Response` itself, body unread (an event stream the caller reads as it arrives). Failures and the
   * 401 `TOKEN_INVALID` refresh-and-retry behave exactly as for the calls above.
   */
  response(path: string, options?: ApiRequestOptions): Promise<Response>;
}

/** What the client needs from the outside world; tests pass fakes, the app passes the browser's. */
export interface ApiClientDeps {
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  getAccessToken: () => string | null;
  /**
   * Extension point for the auth feature: called once when the API answers 401 `TOKEN_INVALID`. Resolve true when a
   * fresh access token is in place (the request is then retried once), false when the session is gone.
   */
  refreshAccessToken?: (() => Promise<boolean>) | undefined;
  /** Prefix for every path; empty in the browser (same origin). */
  baseUrl?: string;
  /**
   * A response the page came with for `GET url` (lib/prefetched.ts), or undefined. Only `json` reads use it: the
   * storefront's public catalog reads, the same for every visitor.
   */
  takePrefetched?: ((url: string) => unknown) | undefined;
}

const ACCEPT = 'application/json, application/problem+json';

/** Builds `path?query` with repeated keys for arrays and no entry for null/undefined. */
export function buildUrl(path: string, query?: TQuery, baseUrl = ''): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    const values: readonly TQueryValue[] = isList(value) ? value : [value];
    for (const item of values) if (item != null) params.append(key, String(item));
  }
  const search = params.toString();
  if (!search) return `${baseUrl}${path}`;
  return `${baseUrl}${path}${path.includes('?') ? '&' : '?'}${search}`;
}

/** Creates a typed fetcher for the Mercato API (see docs/decisions/0004-web-app.md for the contract). */
export function createApiClient(deps: ApiClientDeps): ApiFetch {
  let refreshing: Promise<boolean> | null = null;

  function refreshOnce(): Promise<boolean> {
    const refresh = deps.refreshAccessToken;
    if (!refresh) return Promise.resolve(false);
    // Concurrent 401s share one refresh: the refresh token rotates on use, so a second call would look like reuse.
    refreshing ??= refresh()
      .catch(() => false)
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  async function send(path: string, options: ApiRequestOptions, token: string | null): Promise<Response> {
    const headers = new Headers({ accept: ACCEPT, ...options.headers });
    if (token) headers.set('authorization', `Bearer ${token}`);
    let body: BodyInit | undefined;
    if (options.body instanceof FormData) body = options.body;
    else if (options.body !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(options.body);
    }
    const init: RequestInit = { method: options.method ?? 'GET', headers, credentials: 'same-origin' };
    if (body !== undefined) init.body = body;
    if (options.signal) init.signal = options.signal;
    try {
      return await deps.fetch(buildUrl(path, options.query, deps.baseUrl), init);
    } catch (cause) {
      if (options.signal?.aborted) throw cause; // cancellation is not a failure; TanStack Query expects the AbortError
      throw new ApiError({
        status: 0,
        code: 'NETWORK_ERROR',
        message: 'Could not reach the shop. Check your connection and try again.',
        cause,
      });
    }
  }

  /** A 2xx response, or the ApiError of the answer (after one refresh-and-retry on 401 `TOKEN_INVALID`). */
  async function request(path: string, options: ApiRequestOptions, isRetry: boolean): Promise<Response> {
    const token = deps.getAccessToken();
    const response = await send(path, options, token);
    if (response.ok) return response;
    const error = await parseError(response);
    if (isRetry || error.status !== 401 || error.code !== 'TOKEN_INVALID') throw error;
    // Another request may have refreshed the token while this one was in flight: then just retry with the new one.
    const current = deps.getAccessToken();
    if ((current !== null && current !== token) || (await refreshOnce())) return request(path, options, true);
    throw error;
  }

  const client = (async (path: string, options: ApiRequestOptions & { schema?: z.ZodType } = {}) =>
    parseSuccess(await request(path, options, false), options.schema)) as ApiFetch;
  client.json = (async (path: string, options: ApiRequestOptions = {}) => {
    if ((options.method ?? 'GET') === 'GET' && deps.takePrefetched) {
      const prefetched = deps.takePrefetched(buildUrl(path, options.query));
      if (prefetched !== undefined) return prefetched;
    }
    return readJson(await request(path, options, false));
  }) as ApiFetch['json'];
  client.response = (path, options = {}) => request(path, options, false);
  return client;
}

async function parseSuccess(response: Response, schema: z.ZodType | undefined): Promise<unknown> {
  if (!schema) return undefined;
  const json = await readJson(response);
  const result = schema.safeParse(json);
  if (!result.success) throw invalidResponse(response.status, requestIdOf(response), result.error);
  return result.data;
}

/** The body as JSON (undefined for a 204); a body that is not JSON is the API breaking its contract. */
async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  try {
    return (await response.json()) as unknown;
  } catch (cause) {
    throw invalidResponse(response.status, requestIdOf(response), cause);
  }
}

function requestIdOf(response: Response): string | undefined {
  return response.headers.get('x-request-id') ?? undefined;
}

async function parseError(response: Response): Promise<ApiError> {
  const requestId = requestIdOf(response);
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    const problem = readProblem(await response.json().catch(() => null));
    if (problem) return ApiError.fromProblem(problem, requestId);
  }
  const { status } = response;
  return new ApiError({ status, code: codeForStatus(status), message: messageForStatus(status), requestId });
}

function invalidResponse(status: number, requestId: string | undefined, cause: unknown): ApiError {
  // The API broke its own contract (or something in between answered): a bug to report, not a user mistake.
  return new ApiError({
    status,
    code: 'INVALID_RESPONSE',
    message: 'The shop sent a response we could not read. Please try again.',
    requestId,
    cause,
  });
}

function isList(value: TQueryValue | readonly TQueryValue[]): value is readonly TQueryValue[] {
  return Array.isArray(value);
}

const defaultDeps: ApiClientDeps = {
  // Wrapped so `fetch` is never called with a foreign `this` (browsers throw "Illegal invocation").
  fetch: (input, init) => globalThis.fetch(input, init),
  getAccessToken,
  takePrefetched,
};

/** The app's API client: same-origin, Bearer token from the auth token store. */
export const apiFetch: ApiFetch = createApiClient(defaultDeps);

/** Installs (or removes) the refresh routine `apiFetch` calls on a 401 `TOKEN_INVALID`; the auth feature owns it. */
export function setRefreshAccessToken(refresh: (() => Promise<boolean>) | undefined): void {
  defaultDeps.refreshAccessToken = refresh;
}
