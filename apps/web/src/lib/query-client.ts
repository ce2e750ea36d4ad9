import { QueryClient } from '@tanstack/react-query';
import { isClientError } from './api-error.js';

/** How long data counts as fresh, by kind. Catalog data changes rarely and the API caches it; live data never is. */
export const STALE_TIME = {
  default: 30_000,
  catalog: 5 * 60_000,
  live: 0,
} as const;

const MAX_RETRIES = 2;

/** Retry network failures and 5xx a couple of times; never 4xx, which would fail the same way again. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return !isClientError(error) && failureCount < MAX_RETRIES;
}

/** The app's QueryClient. Devtools are deliberately not bundled. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: STALE_TIME.default, retry: shouldRetry },
      // Mutations are not idempotent unless the endpoint says so (Idempotency-Key): never retry them blindly.
      mutations: { retry: false },
    },
  });
}
