export interface BackoffOptions {
  /** The first wait; the server's `retry:` raises it. */
  baseMs: number;
  /** The longest wait, however many attempts failed. */
  maxMs: number;
}

/**
 * How long to wait before reconnection attempt `attempt` (0 = the first after a drop): doubling from `baseMs` up to
 * `maxMs`, then a random half of it removed, so dashboards cut off by one server restart do not all return at once.
 */
export function reconnectDelay(attempt: number, { baseMs, maxMs }: BackoffOptions, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
