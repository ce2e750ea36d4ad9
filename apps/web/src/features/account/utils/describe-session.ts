import type { TSession } from '@mercato/shared';

// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari", so the specific ones come first.
const BROWSERS: readonly [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/\b(Chrome|CriOS|HeadlessChrome|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];
const SYSTEMS: readonly [RegExp, string][] = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bWindows\b/, 'Windows'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];
const MAX_RAW_LENGTH = 40;

function firstMatch(userAgent: string, table: readonly [RegExp, string][]): string | undefined {
  return table.find(([pattern]) => pattern.test(userAgent))?.[1];
}

/** A short device name from a User-Agent header: "Chrome on Windows", "Safari on iPhone", or the raw text. */
export function describeUserAgent(userAgent: string): string {
  const trimmed = userAgent.trim();
  if (!trimmed || trimmed === 'unknown') return 'Unknown device';
  const browser = firstMatch(trimmed, BROWSERS);
  const system = firstMatch(trimmed, SYSTEMS);
  if (browser && system) return `${browser} on ${system}`;
  if (browser ?? system) return (browser ?? system) as string;
  // Not a browser (an API client, a script): show what it calls itself, shortened.
  return trimmed.length > MAX_RAW_LENGTH ? `${trimmed.slice(0, MAX_RAW_LENGTH - 1)}…` : trimmed;
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "just now", "5 minutes ago", "yesterday", "in 3 weeks" for an ISO date relative to `now`. */
export function formatRelativeTime(iso: string, now: Date, locale?: string): string {
  const seconds = Math.round((Date.parse(iso) - now.getTime()) / 1_000);
  if (Math.abs(seconds) < 45) return 'just now';
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'minute') return format.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

/** A calendar date ("12 Mar 2026") in the reader's locale. */
export function formatDate(iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
}

/** This device first, then the most recently used. */
export function sortSessions(sessions: readonly TSession[]): TSession[] {
  return [...sessions].sort((a, b) => {
    if (a.isCurrent !== b.isCurrent) return a.isCurrent ? -1 : 1;
    return Date.parse(b.lastUsedAt) - Date.parse(a.lastUsedAt);
  });
}
