import { formatWait } from '../../lib/countdown.js';

export interface RateLimitAlertProps {
  /** The API's explanation ("Too many failed attempts…"). */
  message: string;
  secondsLeft: number;
}

/**
 * A throttled form (sign-in, sign-up, a password check): the reason is announced once (role=alert); the countdown is
 * a timer, which screen readers do not read out every second, and the end of the wait is announced politely.
 */
export function RateLimitAlert({ message, secondsLeft }: RateLimitAlertProps) {
  return (
    <div className="flex flex-col gap-1 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
      <p role="alert">{message}</p>
      {secondsLeft > 0 ? (
        <p>
          You can try again in <span role="timer">{formatWait(secondsLeft)}</span>.
        </p>
      ) : null}
      <p role="status" className={secondsLeft > 0 ? 'sr-only' : 'font-medium'}>
        {secondsLeft > 0 ? '' : 'You can try again now.'}
      </p>
    </div>
  );
}
