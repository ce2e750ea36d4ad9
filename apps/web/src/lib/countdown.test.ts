import { describe, expect, it } from 'vitest';
import { formatWait, secondsUntil } from './countdown.js';

describe('countdown', () => {
  it('when time passes, then the seconds left count down, rounded up, and stop at zero', () => {
    const until = 10_000;

    expect(secondsUntil(until, 0)).toBe(10);
    expect(secondsUntil(until, 9_001)).toBe(1);
    expect(secondsUntil(until, 9_999)).toBe(1);
    expect(secondsUntil(until, 10_000)).toBe(0);
    expect(secondsUntil(until, 60_000)).toBe(0);
    expect(secondsUntil(null, 0)).toBe(0);
  });

  it('when a wait is put in words, then seconds, minutes and both read naturally', () => {
    expect(formatWait(1)).toBe('1 second');
    expect(formatWait(45)).toBe('45 seconds');
    expect(formatWait(60)).toBe('1 minute');
    expect(formatWait(65)).toBe('1 minute 5 seconds');
    expect(formatWait(900)).toBe('15 minutes');
    expect(formatWait(0)).toBe('0 seconds');
  });

  it('when a wait lasts an hour or more, then hours and minutes are named, rounded up to the minute', () => {
    expect(formatWait(3600)).toBe('1 hour');
    expect(formatWait(3601)).toBe('1 hour 1 minute');
    expect(formatWait(3599)).toBe('59 minutes 59 seconds');
    expect(formatWait(86_399)).toBe('24 hours');
    expect(formatWait(7 * 3600 + 20 * 60)).toBe('7 hours 20 minutes');
  });
});
