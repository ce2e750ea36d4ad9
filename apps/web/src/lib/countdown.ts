/** Whole seconds left until `until` (epoch ms) at `now`, rounded up so "1 second" shows until it is really over. */
export function secondsUntil(until: number | null, now: number): number {
  if (until === null) return 0;
  return Math.max(0, Math.ceil((until - now) / 1000));
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/**
 * "45 seconds", "1 minute 5 seconds", "15 minutes", "3 hours 20 minutes": a wait, in words a screen reader reads
 * well. Waits of an hour or more (a daily limit) leave out the seconds and round up to the minute.
 */
export function formatWait(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  if (whole < 60) return plural(whole, 'second');
  if (whole >= 3600) {
    const totalMinutes = Math.ceil(whole / 60);
    const hours = Math.floor(totalMinutes / 60);
    const minutes = totalMinutes % 60;
    return minutes === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(minutes, 'minute')}`;
  }
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return rest === 0 ? plural(minutes, 'minute') : `${plural(minutes, 'minute')} ${plural(rest, 'second')}`;
}
