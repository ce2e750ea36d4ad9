import { useCallback, useEffect, useState } from 'react';
import { secondsUntil } from '../lib/countdown.js';

export interface Countdown {
  /** Whole seconds left; 0 when none is running or it has run out. */
  secondsLeft: number;
  /** Starts (or restarts) a countdown of `seconds`; call it from an event handler. */
  start: (seconds: number) => void;
  stop: () => void;
}

/** A seconds countdown that re-renders each time the number drops, and stops re-rendering at zero. */
export function useCountdown(): Countdown {
  const [clock, setClock] = useState<{ until: number; now: number } | null>(null);
  const secondsLeft = clock ? secondsUntil(clock.until, clock.now) : 0;

  useEffect(() => {
    if (!clock || secondsLeft === 0) return;
    // Wake when the shown number drops, not on an arbitrary one-second beat.
    const untilNextDrop = (clock.until - clock.now) % 1000 || 1000;
    const timer = setTimeout(() => setClock((current) => current && { ...current, now: Date.now() }), untilNextDrop);
    return () => clearTimeout(timer);
  }, [clock, secondsLeft]);

  const start = useCallback((seconds: number) => {
    const now = Date.now();
    setClock({ until: now + seconds * 1000, now });
  }, []);
  const stop = useCallback(() => setClock(null), []);
  return { secondsLeft, start, stop };
}
