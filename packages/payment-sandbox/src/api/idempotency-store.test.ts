import { describe, expect, it } from 'vitest';
import { IdempotencyStore } from './idempotency-store.js';

const request = { method: 'POST', path: '/v1/refunds', fingerprint: '{"amount":"100"}', requestId: 'req_1' };

describe('IdempotencyStore', () => {
  it('when a key is new, then it is reserved and a second use while running is in flight', () => {
    const store = new IdempotencyStore();

    expect(store.begin('k', request, 1000).kind).toBe('new');
    expect(store.begin('k', request, 1000).kind).toBe('in_flight');
  });

  it('when the first request finished, then the same request replays and other params or paths are refused', () => {
    const store = new IdempotencyStore();
    store.begin('k', request, 1000);
    store.complete('k', 200, '{"id":"re_1"}');

    expect(store.begin('k', request, 1001)).toMatchObject({
      kind: 'replay',
      entry: { statusCode: 200, body: '{"id":"re_1"}', requestId: 'req_1' },
    });
    expect(store.begin('k', { ...request, fingerprint: '{"amount":"200"}' }, 1001).kind).toBe('other_params');
    expect(store.begin('k', { ...request, path: '/v1/coupons' }, 1001).kind).toBe('other_endpoint');
  });

  it('when a request failed validation, then its key is forgotten', () => {
    const store = new IdempotencyStore();
    store.begin('k', request, 1000);

    store.abandon('k');

    expect(store.begin('k', { ...request, fingerprint: 'other' }, 1000).kind).toBe('new');
  });

  it('when a key is older than 24 hours, then it runs as a new request', () => {
    const store = new IdempotencyStore();
    store.begin('k', request, 1000);
    store.complete('k', 200, '{}');

    expect(store.begin('k', { ...request, fingerprint: 'other' }, 1000 + 24 * 3600 + 1).kind).toBe('new');
  });

  it('when more keys than the cap are stored, then the oldest finished ones are dropped first', () => {
    const store = new IdempotencyStore();
    for (let i = 0; i < 10_005; i++) {
      store.begin(`k${i}`, request, 1000);
      store.complete(`k${i}`, 200, '{}');
    }

    store.prune(1000);

    expect(store.size()).toBe(10_000);
    expect(store.begin('k0', { ...request, fingerprint: 'other' }, 1000).kind).toBe('new');
    expect(store.begin('k10004', request, 1000).kind).toBe('replay');
  });
});
