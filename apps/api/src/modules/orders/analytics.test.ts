import { describe, expect, it } from 'vitest';
import { localDays } from './analytics.js';

describe('localDays', () => {
  it('when the range is whole UTC days, then each day is listed once', () => {
    expect(localDays(new Date('2026-03-01T00:00:00Z'), new Date('2026-03-04T00:00:00Z'), 'UTC')).toEqual([
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
    ]);
  });

  it('when a time zone is given, then days are that zone’s calendar days', () => {
    expect(localDays(new Date('2026-03-01T00:00:00Z'), new Date('2026-03-02T00:00:00Z'), 'America/New_York')).toEqual([
      '2026-02-28',
      '2026-03-01',
    ]);
  });

  it('when the range crosses a daylight-saving change, then no day is lost or doubled', () => {
    const days = localDays(new Date('2026-03-28T23:00:00Z'), new Date('2026-03-31T22:00:00Z'), 'Europe/Paris');
    expect(days).toEqual(['2026-03-29', '2026-03-30', '2026-03-31']);
  });
});
