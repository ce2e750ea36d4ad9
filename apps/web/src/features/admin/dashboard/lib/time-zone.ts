/** The browser's IANA time zone (what the admin calls "today"); UTC when the runtime does not say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

// One formatter per zone: building them is the slow part, and the chart asks for the same zone again and again.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading of an instant in a zone, as if that reading were UTC (ms). */
function wallClock(time: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(time))) parts[part.type] = Number(part.value);
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** YYYY-MM-DD of an instant in `timeZone`. */
export function zonedDay(time: number, timeZone: string): string {
  return new Date(wallClock(time, timeZone)).toISOString().slice(0, 10);
}

/**
 * The first instant of calendar day `day` (YYYY-MM-DD) in `timeZone`: its midnight, or the end of a daylight-saving
 * jump where a zone skips midnight (America/Santiago in September).
 */
export function startOfZonedDay(day: string, timeZone: string): number {
  const midnight = Date.parse(`${day}T00:00:00Z`);
  // The offset at the naive guess can differ from the offset at the answer (a change that day): refine once.
  const first = midnight - (wallClock(midnight, timeZone) - midnight);
  const second = midnight - (wallClock(first, timeZone) - first);
  const candidates = [first, second].filter((time) => zonedDay(time, timeZone) === day);
  return candidates.length > 0 ? Math.min(...candidates) : first;
}
