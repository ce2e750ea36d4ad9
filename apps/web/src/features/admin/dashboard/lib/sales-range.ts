import { startOfZonedDay, zonedDay } from './time-zone.js';

/** Preset ranges of the dashboard, ending today. */
export const RANGE_PRESETS = { '7d': 7, '30d': 30, '90d': 90 } as const;
export type TRangePreset = keyof typeof RANGE_PRESETS;

/**
 * The dashboard's range as the URL says it: `?range=7d|30d|90d`, or `?from=YYYY-MM-DD&to=YYYY-MM-DD` (calendar days
 * in the admin's time zone, so a shared link means the same days to a colleague in the same zone).
 */
export type SalesRangeState = { preset: TRangePreset } | { preset: 'custom'; from: string; to: string };

/** Inclusive calendar days in the admin's time zone, as the API buckets the daily series (`tz`). */
export interface DayRange {
  from: string;
  to: string;
}

export const DEFAULT_RANGE: SalesRangeState = { preset: '30d' };
/**
 * The longest range the chart shows (one bar per day). The API takes at most 366 × 24 hours; 366 local days can be an
 * hour longer when a daylight-saving change falls inside, so a year of 365 days is the most we ask for.
 */
export const MAX_RANGE_DAYS = 365;
const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDay(value: string | null): value is string {
  return value !== null && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** Calendar arithmetic on YYYY-MM-DD (zone-free: a day is a date here, not 24 hours). */
function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Today's date in `timeZone`: the day the presets end on. */
export function todayIn(timeZone: string, now = Date.now()): string {
  return zonedDay(now, timeZone);
}

/** Reads the range from the URL; anything malformed falls back to the last 30 days. */
export function parseSalesRange(params: URLSearchParams): SalesRangeState {
  const from = params.get('from');
  const to = params.get('to');
  if (isDay(from) && isDay(to) && from <= to) return { preset: 'custom', from, to };
  const preset = params.get('range');
  return preset && preset in RANGE_PRESETS ? { preset: preset as TRangePreset } : DEFAULT_RANGE;
}

/** Writes the range as a query string (nothing for the default). */
export function toSalesRangeParams(state: SalesRangeState): URLSearchParams {
  if (state.preset === 'custom') return new URLSearchParams({ from: state.from, to: state.to });
  return new URLSearchParams(state.preset === DEFAULT_RANGE.preset ? {} : { range: state.preset });
}

/** The inclusive days the range covers on `today`; a custom range longer than a year keeps its last 365 days. */
export function resolveDays(state: SalesRangeState, today: string): DayRange {
  if (state.preset !== 'custom') return { from: addDays(today, 1 - RANGE_PRESETS[state.preset]), to: today };
  const earliest = addDays(state.to, 1 - MAX_RANGE_DAYS);
  return { from: state.from < earliest ? earliest : state.from, to: state.to };
}

/**
 * The API query: from the first instant of the first day to the first instant of the day after the last (exclusive),
 * both in `timeZone`, which the API also uses to bucket the daily series.
 */
export function toSalesQuery(days: DayRange, timeZone: string): { from: string; to: string; tz: string } {
  return {
    from: new Date(startOfZonedDay(days.from, timeZone)).toISOString(),
    to: new Date(startOfZonedDay(addDays(days.to, 1), timeZone)).toISOString(),
    tz: timeZone,
  };
}
