/** Preset ranges of the dashboard, ending today. */
export const RANGE_PRESETS = { '7d': 7, '30d': 30, '90d': 90 } as const;
export type TRangePreset = keyof typeof RANGE_PRESETS;

/** The dashboard's range as the URL says it: `?range=7d|30d|90d`, or `?from=YYYY-MM-DD&to=YYYY-MM-DD` (UTC days). */
export type SalesRangeState = { preset: TRangePreset } | { preset: 'custom'; from: string; to: string };

/** Inclusive UTC days, as the API buckets the daily series. */
export interface DayRange {
  from: string;
  to: string;
}

export const DEFAULT_RANGE: SalesRangeState = { preset: '30d' };
/** The longest range the chart shows (one bar per day). */
export const MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDay(value: string | null): value is string {
  return value !== null && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** YYYY-MM-DD of an instant, in UTC. */
export function utcDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  return utcDay(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);
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

/** The inclusive days the range covers on `today`; a custom range longer than a year keeps its last year. */
export function resolveDays(state: SalesRangeState, today: string): DayRange {
  if (state.preset !== 'custom') return { from: addDays(today, 1 - RANGE_PRESETS[state.preset]), to: today };
  const earliest = addDays(state.to, 1 - MAX_RANGE_DAYS);
  return { from: state.from < earliest ? earliest : state.from, to: state.to };
}

/** The API query: from the start of the first day to the start of the day after the last (exclusive). */
export function toSalesQuery(days: DayRange): { from: string; to: string } {
  return { from: `${days.from}T00:00:00.000Z`, to: `${addDays(days.to, 1)}T00:00:00.000Z` };
}
