import { ApiError } from './api-error.js';

/** Used when a RATE_LIMITED answer does not say how long to wait (a proxy's 429): a short, honest pause. */
const FALLBACK_WAIT_SECONDS = 30;

/**
 * How many seconds a throttled request asks the user to wait (`meta.retryAfterSeconds` in the problem
 * document), or null when the error is not a rate limit.
 */
export function retryAfterSeconds(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.code !== 'RATE_LIMITED') return null;
  const value = error.meta?.retryAfterSeconds;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.ceil(value) : FALLBACK_WAIT_SECONDS;
}
