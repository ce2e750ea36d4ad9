/**
 * Rate limiting in process memory: one token bucket per key (a client IP), holding up to `capacity` tokens and
 * refilled continuously at `capacity` per `windowMs`. A request takes a token; with none left it must wait for the
 * next one. No network round trip, so it suits traffic that must stay cheap (cached reads); the price is that each
 * process counts on its own. At most `maxKeys` buckets are kept: past that, full buckets (clients idle long enough
 * to be owed nothing) are dropped, then the longest unseen, down to nine tenths of the limit.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    private readonly capacity: number,
    windowMs: number,
    private readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = capacity / windowMs;
  }

  /** Takes a token for `key`: 0 when granted, else the whole seconds until one is available (at least 1). */
  take(key: string): number {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (bucket) {
      bucket.tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.at) * this.perMs);
      bucket.at = now;
    } else {
      if (this.buckets.size >= this.maxKeys) this.prune(now);
      bucket = { tokens: this.capacity, at: now };
      this.buckets.set(key, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1_000));
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Rare (a flood of new clients), so it may sort: cheaper than keeping buckets in order on every request. */
  private prune(now: number): void {
    for (const [key, bucket] of this.buckets)
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.capacity) this.buckets.delete(key);
    // Down to nine tenths, so a flood of new clients prunes once per many of them, not on each.
    const excess = this.buckets.size - Math.floor(this.maxKeys * 0.9);
    if (excess <= 0) return;
    const unseenLongest = [...this.buckets].sort(([, a], [, b]) => a.at - b.at).slice(0, excess);
    for (const [key] of unseenLongest) this.buckets.delete(key);
  }
}
