import { createApiClient } from '../../../lib/api-client.js';
import { getAccessToken } from '../../../lib/auth-token-store.js';

/**
 * The API client for the auth endpoints themselves, without the refresh-and-retry on 401 `TOKEN_INVALID`: these
 * endpoints answer that code for a bad email link, and the refresh call must never trigger another refresh.
 */
export const authFetch = createApiClient({
  fetch: (input, init) => globalThis.fetch(input, init),
  getAccessToken,
});
