/**
 * The sandbox's notion of "now". Tests can move it forward (`/_sandbox/clock/advance`) to make sessions reach their
 * `expires_at` without waiting 30 minutes; webhook signatures always use the real wall clock, because receivers check
 * them against theirs.
 */
export class SandboxClock {
  private offsetMs = 0;

  /** Milliseconds since the epoch, shifted by any advance. */
  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** Unix seconds, as Stripe timestamps are. */
  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  /** Moves the clock forward; it never goes back, so timestamps stay monotonic. */
  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError('the clock only moves forward');
    this.offsetMs += seconds * 1000;
  }

  /** How far ahead of the wall clock the sandbox runs, in seconds. */
  offsetSeconds(): number {
    return Math.round(this.offsetMs / 1000);
  }
}
