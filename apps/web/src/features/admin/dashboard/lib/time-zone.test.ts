import { describe, expect, it } from 'vitest';
import { browserTimeZone, startOfZonedDay, zonedDay } from './time-zone.js';

const iso = (time: number) => new Date(time).toISOString();

describe('time zone helpers', () => {
  it('when an instant is read in a zone, then its local calendar day is returned', () => {
    const instant = Date.parse('2026-03-12T23:30:00Z');

    expect(zonedDay(instant, 'UTC')).toBe('2026-03-12');
    expect(zonedDay(instant, 'Europe/Paris')).toBe('2026-03-13');
    expect(zonedDay(instant, 'America/Los_Angeles')).toBe('2026-03-12');
    expect(zonedDay(Date.parse('2026-03-12T10:00:00Z'), 'Pacific/Kiritimati')).toBe('2026-03-13');
  });

  it('when a local day starts, then its first instant follows the zone offset on that very day', () => {
    expect(iso(startOfZonedDay('2026-03-12', 'UTC'))).toBe('2026-03-12T00:00:00.000Z');
    expect(iso(startOfZonedDay('2026-01-15', 'Europe/Paris'))).toBe('2026-01-14T23:00:00.000Z');
    expect(iso(startOfZonedDay('2026-07-15', 'Europe/Paris'))).toBe('2026-07-14T22:00:00.000Z');
    expect(iso(startOfZonedDay('2026-03-12', 'Asia/Kolkata'))).toBe('2026-03-11T18:30:00.000Z');
    expect(iso(startOfZonedDay('2026-03-12', 'America/New_York'))).toBe('2026-03-12T04:00:00.000Z');
  });

  it('when the clocks change that day, then the day still starts at its own midnight', () => {
    // Paris springs forward at 02:00 on 29 March 2026 and falls back at 03:00 on 25 October 2026.
    expect(iso(startOfZonedDay('2026-03-29', 'Europe/Paris'))).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(startOfZonedDay('2026-03-30', 'Europe/Paris'))).toBe('2026-03-29T22:00:00.000Z');
    expect(iso(startOfZonedDay('2026-10-25', 'Europe/Paris'))).toBe('2026-10-24T22:00:00.000Z');
    expect(iso(startOfZonedDay('2026-10-26', 'Europe/Paris'))).toBe('2026-10-25T23:00:00.000Z');
  });

  it('when a zone skips midnight (Santiago, September), then the day starts when the clocks jump', () => {
    const start = startOfZonedDay('2024-09-08', 'America/Santiago');

    expect(iso(start)).toBe('2024-09-08T04:00:00.000Z');
    expect(zonedDay(start, 'America/Santiago')).toBe('2024-09-08');
    expect(zonedDay(start - 1, 'America/Santiago')).toBe('2024-09-07');
  });

  it('when the browser is asked for its zone, then an IANA name the runtime accepts comes back', () => {
    const zone = browserTimeZone();

    expect(() => new Intl.DateTimeFormat('en', { timeZone: zone })).not.toThrow();
  });
});
