import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { createQueryClient, shouldRetry } from './query-client.js';

const apiError = (status: number) => new ApiError({ status, code: 'NOT_FOUND', message: 'x' });

describe('shouldRetry', () => {
  it('when the API answered 4xx, then the query is not retried', () => {
    expect(shouldRetry(0, apiError(404))).toBe(false);
    expect(shouldRetry(0, apiError(429))).toBe(false);
  });

  it('when the failure is a 5xx or a network error, then it is retried twice at most', () => {
    expect(shouldRetry(0, apiError(503))).toBe(true);
    expect(shouldRetry(1, apiError(0))).toBe(true);
    expect(shouldRetry(2, apiError(503))).toBe(false);
  });
});

describe('createQueryClient', () => {
  it('when created, then mutations are never retried and queries use the retry policy', () => {
    const options = createQueryClient().getDefaultOptions();
    expect(options.mutations?.retry).toBe(false);
    expect(options.queries?.retry).toBe(shouldRetry);
  });
});
