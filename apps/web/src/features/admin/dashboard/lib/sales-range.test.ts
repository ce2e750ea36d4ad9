import { describe, expect, it } from 'vitest';
import { DEFAULT_RANGE, parseSalesRange, resolveDays, toSalesQuery, toSalesRangeParams } from './sales-range.js';

describe('dashboard range', () => {
  it('when the URL names a preset or a valid custom range, then it is used and written back the same way', () => {
    expect(parseSalesRange(new URLSearchParams('range=7d'))).toEqual({ preset: '7d' });
    const custom = parseSalesRange(new URLSearchParams('from=2026-03-01&to=2026-03-10'));

    expect(custom).toEqual({ preset: 'custom', from: '2026-03-01', to: '2026-03-10' });
    expect(toSalesRangeParams(custom).toString()).toBe('from=2026-03-01&to=2026-03-10');
    expect(toSalesRangeParams(DEFAULT_RANGE).toString()).toBe('');
  });

  it('when the URL is malformed or the range backwards, then the last 30 days are shown', () => {
    expect(parseSalesRange(new URLSearchParams('range=1y'))).toEqual(DEFAULT_RANGE);
    expect(parseSalesRange(new URLSearchParams('from=2026-03-10&to=2026-03-01'))).toEqual(DEFAULT_RANGE);
  });

  it('when a preset is resolved, then it ends today and has that many days', () => {
    expect(resolveDays({ preset: '7d' }, '2026-03-12')).toEqual({ from: '2026-03-06', to: '2026-03-12' });
    expect(resolveDays({ preset: '30d' }, '2026-03-01')).toEqual({ from: '2026-01-31', to: '2026-03-01' });
  });

  it('when a custom range is longer than a year, then its last 366 days are kept', () => {
    expect(resolveDays({ preset: 'custom', from: '2020-01-01', to: '2026-03-12' }, '2026-03-12').from).toBe(
      '2025-03-12',
    );
  });

  it('when the query is built, then it spans whole UTC days with an exclusive end', () => {
    expect(toSalesQuery({ from: '2026-03-01', to: '2026-03-31' })).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
    });
  });
});
