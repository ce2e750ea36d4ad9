import { evalExpr } from 'mingo/core';
import type { Options } from 'mingo/types';
import { isPlainObject } from '../bson/values.js';
import { ErrorCode, MongoCommandError } from '../errors.js';

const UNIT_MS: Record<string, number> = {
  millisecond: 1,
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
};
const UNIT_MONTHS: Record<string, number> = { month: 1, quarter: 3, year: 12 };
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of a timezone (Olson name or ±HH:MM) from UTC at an instant, in milliseconds. */
export function timezoneOffset(timezone: string, instant: number): number {
  const fixed = /^([+-])(\d{2}):?(\d{2})?$/.exec(timezone);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0)) * 60_000;
  if (timezone === 'UTC' || timezone === 'GMT' || timezone === 'Z') return 0;
  let formatter = formatters.get(timezone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: timezone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new MongoCommandError(40485, `unrecognized time zone identifier: "${timezone}"`);
    }
    formatters.set(timezone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(instant))) parts[part.type] = Number(part.value);
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

function localToInstant(wall: number, timezone: string): number {
  const guess = wall - timezoneOffset(timezone, wall);
  return wall - timezoneOffset(timezone, guess);
}

/**
 * `$dateTrunc` computed on local wall-clock time (mingo's truncates in UTC, which is wrong for any other timezone);
 * bins of `binSize` units are counted from 2000-01-01 as in MongoDB.
 */
export function dateTrunc(obj: unknown, expr: unknown, options: Options): unknown {
  const args = evalExpr(obj, expr, options);
  if (!isPlainObject(args))
    throw new MongoCommandError(ErrorCode.FailedToParse, '$dateTrunc only supports an object as its argument');
  const { date, unit } = args;
  if (date === null || date === undefined || unit === null || unit === undefined) return null;
  if (!(date instanceof Date)) throw new MongoCommandError(5439012, "$dateTrunc requires 'date' to be a date");
  const binSize = args.binSize === undefined ? 1 : Number(args.binSize);
  if (!Number.isInteger(binSize) || binSize <= 0)
    throw new MongoCommandError(5439017, "$dateTrunc requires 'binSize' to be a positive integer");
  const timezone = typeof args.timezone === 'string' ? args.timezone : 'UTC';
  const instant = date.getTime();
  const wall = instant + timezoneOffset(timezone, instant);
  const reference = Date.UTC(2000, 0, 1);
  if (typeof unit === 'string' && unit in UNIT_MONTHS) {
    const local = new Date(wall);
    const months = (local.getUTCFullYear() - 2000) * 12 + local.getUTCMonth();
    const size = (UNIT_MONTHS[unit] as number) * binSize;
    const start = Math.floor(months / size) * size;
    return new Date(localToInstant(Date.UTC(2000 + Math.floor(start / 12), ((start % 12) + 12) % 12, 1), timezone));
  }
  const unitMs = typeof unit === 'string' ? UNIT_MS[unit] : undefined;
  if (unitMs === undefined)
    throw new MongoCommandError(
      5439014,
      `$dateTrunc parameter 'unit' value cannot be recognized as a time unit: ${String(unit)}`,
    );
  let origin = reference;
  if (unit === 'week') {
    const startOfWeek = typeof args.startOfWeek === 'string' ? args.startOfWeek.toLowerCase() : 'sunday';
    const weekday = WEEKDAYS.indexOf(
      startOfWeek.length <= 3 ? (WEEKDAYS.find((d) => d.startsWith(startOfWeek)) ?? '') : startOfWeek,
    );
    if (weekday < 0)
      throw new MongoCommandError(
        5439015,
        `$dateTrunc parameter 'startOfWeek' value cannot be recognized as a day of a week: ${startOfWeek}`,
      );
    const referenceDay = new Date(reference).getUTCDay();
    origin = reference + (((weekday - referenceDay + 7) % 7) - 7) * 86_400_000;
  }
  const size = unitMs * binSize;
  const truncated = origin + Math.floor((wall - origin) / size) * size;
  return new Date(unitMs < 3_600_000 ? truncated - (wall - instant) : localToInstant(truncated, timezone));
}
