import { useCallback, useState } from 'react';
import { useCountdown } from './use-countdown.js';
import { retryAfterSeconds } from '../lib/rate-limit.js';

export interface RateLimit {
  /** The API's explanation while a rate limit is shown; null otherwise. */
  message: string | null;
  secondsLeft: number;
  /** True while the form must wait (its submit button is disabled). */
  isWaiting: boolean;
  /** Shows a RATE_LIMITED failure with its countdown; false for any other error (handle it as usual). */
  capture: (error: unknown) => boolean;
  /** Hides the notice (a new attempt). */
  clear: () => void;
}

/** The countdown a form shows after `RATE_LIMITED` (`meta.retryAfterSeconds`). */
export function useRateLimit(): RateLimit {
  const countdown = useCountdown();
  const [message, setMessage] = useState<string | null>(null);
  const { start, stop } = countdown;

  const capture = useCallback(
    (error: unknown) => {
      const seconds = retryAfterSeconds(error);
      if (seconds === null) return false;
      setMessage(error instanceof Error ? error.message : 'Too many attempts.');
      start(seconds);
      return true;
    },
    [start],
  );
  const clear = useCallback(() => {
    setMessage(null);
    stop();
  }, [stop]);

  return {
    message,
    secondsLeft: countdown.secondsLeft,
    isWaiting: message !== null && countdown.secondsLeft > 0,
    capture,
    clear,
  };
}
