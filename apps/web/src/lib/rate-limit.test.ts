import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { retryAfterSeconds } from './rate-limit.js';

const limited = (meta?: Record<string, unknown>) =>
  new ApiError({ status: 429, code: 'RATE_LIMITED', message: 'Too many attempts.', meta });

describe('retryAfterSeconds', () => {
  it('when the API throttles with a wait in the problem body, then that wait is used (whole seconds)', () => {
    expect(retryAfterSeconds(limited({ retryAfterSeconds: 42 }))).toBe(42);
    expect(retryAfterSeconds(limited({ retryAfterSeconds: 1.2 }))).toBe(2);
  });

  it('when the wait is missing or nonsense, then a short default wait is used', () => {
    expect(retryAfterSeconds(limited())).toBe(30);
    expect(retryAfterSeconds(limited({ retryAfterSeconds: '42' }))).toBe(30);
    expect(retryAfterSeconds(limited({ retryAfterSeconds: -5 }))).toBe(30);
  });

  it('when the failure is anything else, then there is no wait', () => {
    expect(retryAfterSeconds(new ApiError({ status: 401, code: 'INVALID_CREDENTIALS', message: 'No.' }))).toBeNull();
    expect(retryAfterSeconds(new Error('boom'))).toBeNull();
  });
});
