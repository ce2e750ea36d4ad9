import { describe, expect, it } from 'vitest';
import { timezoneOffset } from './date-trunc.js';
import { computeOptions, evaluateExpression } from './expressions.js';

function trunc(date: string, unit: string, extra: Record<string, unknown> = {}): Date {
  return evaluateExpression(
    { d: new Date(date) },
    { $dateTrunc: { date: '$d', unit, ...extra } },
    computeOptions(),
  ) as Date;
}

describe('$dateTrunc', () => {
  it('when truncating to a day in a timezone east of UTC, then the local midnight is returned', () => {
    expect(trunc('2024-03-04T23:59:59Z', 'day', { timezone: 'Europe/Madrid' })).toEqual(
      new Date('2024-03-04T23:00:00Z'),
    );
  });

  it('when a DST change happens that day, then the local midnight before the change is used', () => {
    expect(trunc('2024-03-31T12:30:00Z', 'day', { timezone: 'Europe/Madrid' })).toEqual(
      new Date('2024-03-30T23:00:00Z'),
    );
  });

  it('when truncating to weeks starting Monday, then the Monday of that week is returned', () => {
    expect(trunc('2024-03-06T10:00:00Z', 'week', { startOfWeek: 'monday' })).toEqual(new Date('2024-03-04T00:00:00Z'));
  });

  it('when truncating to quarters, then the first day of the quarter is returned', () => {
    expect(trunc('2024-05-20T10:00:00Z', 'quarter')).toEqual(new Date('2024-04-01T00:00:00Z'));
  });

  it('when an offset timezone is given, then it is applied as a fixed offset', () => {
    expect(timezoneOffset('+05:30', 0)).toBe(5.5 * 3_600_000);
    expect(trunc('2024-01-01T20:00:00Z', 'day', { timezone: '+05:30' })).toEqual(new Date('2024-01-01T18:30:00Z'));
  });
});
