import type { ZAuthResponseSchema, TAuthResponse } from '@mercato/shared';
import { authFetch } from './auth-fetch.js';

const TIMEOUT_MS = 15_000;

/**
 * `POST /api/auth/refresh`: trades the httpOnly refresh cookie for a new access token and a rotated cookie. No body
 * (the API takes none). A time limit, because every tab of the shop waits on the same lock while this runs.
 */
export function refreshSession(): Promise<TAuthResponse> {
  return authFetch.json<typeof ZAuthResponseSchema>('/api/auth/refresh', {
    method: 'POST',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
}
