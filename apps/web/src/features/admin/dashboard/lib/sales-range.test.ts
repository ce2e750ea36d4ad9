import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RANGE,
  MAX_RANGE_DAYS,
  parseSalesRange,
  resolveDays,
  todayIn,
  toSalesQuery,
  toSalesRangeParams,
} from './sales-range.js';

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

  it('when a custom range is longer than a year, then its last 365 days are kept', () => {
    expect(resolveDays({ preset: 'custom', from: '2020-01-01', to: '2026-03-12' }, '2026-03-12').from).toBe(
      '2025-03-13',
    );
  });

  it("when today is asked for, then it is the date in the admin's zone, not in UTC", () => {
    const lateEvening = Date.parse('2026-03-12T23:30:00Z');

    expect(todayIn('UTC', lateEvening)).toBe('2026-03-12');
    expect(todayIn('Europe/Paris', lateEvening)).toBe('2026-03-13');
    expect(todayIn('America/Los_Angeles', lateEvening)).toBe('2026-03-12');
  });

  it('when the query is built in UTC, then it spans whole UTC days with an exclusive end', () => {
    expect(toSalesQuery({ from: '2026-03-01', to: '2026-03-31' }, 'UTC')).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
      tz: 'UTC',
    });
  });

  it('when the query is built in a zone that changes clocks inside the range, then both ends are local midnights', () => {
    expect(toSalesQuery({ from: '2026-03-01', to: '2026-03-31' }, 'Europe/Paris')).toEqual({
      from: '2026-02-28T23:00:00.000Z',
      to: '2026-03-31T22:00:00.000Z',
      tz: 'Europe/Paris',
    });
  });

  it('when the longest range spans a clock change back, then the query stays within the API limit of 366 × 24 h', () => {
    // Summer time on the first day, winter time after the last: the local range is an hour longer than its days.
    const days = resolveDays({ preset: 'custom', from: '2025-01-01', to: '2026-10-25' }, '2026-10-25');
    const query = toSalesQuery(days, 'Europe/Paris');
    const span = Date.parse(query.to) - Date.parse(query.from);

    expect(span).toBe(MAX_RANGE_DAYS * 86_400_000 + 3_600_000);
    expect(span).toBeLessThanOrEqual(366 * 86_400_000);
  });
});
