/** What is kept for an idempotency key: the request it was first used with and, once finished, the response. */
export interface IdempotentEntry {
  method: string;
  path: string;
  fingerprint: string;
  requestId: string;
  createdAt: number;
  inFlight: boolean;
  statusCode?: number;
  body?: string;
}

export type IdempotencyLookup =
  | { kind: 'new' }
  | { kind: 'replay'; entry: IdempotentEntry & { statusCode: number; body: string } }
  | { kind: 'in_flight' }
  | { kind: 'other_endpoint'; entry: IdempotentEntry }
  | { kind: 'other_params' };

// Stripe may prune keys once they are 24 hours old; after that a reused key runs a new request.
const KEY_LIFETIME_SECONDS = 24 * 60 * 60;
// The SDK sends a key with every POST, so a long dev session accumulates many; the oldest go first beyond this.
const MAX_KEYS = 10_000;
const PRUNE_EVERY_SECONDS = 60;

/**
 * Stripe's idempotency rules for POSTs: the first response to a key is stored once the endpoint has started executing
 * (500s included) and replayed for the same method, path and parameters; other parameters or another endpoint are an
 * error; a key whose request is still running answers 409. Failed parameter validation stores nothing.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, IdempotentEntry>();
  private lastPrune = 0;

  /** Looks the key up for a request; a new key is reserved as in flight. */
  begin(
    key: string,
    request: { method: string; path: string; fingerprint: string; requestId: string },
    now: number,
  ): IdempotencyLookup {
    const entry = this.entries.get(key);
    if (entry && now - entry.createdAt > KEY_LIFETIME_SECONDS) this.entries.delete(key);
    const current = this.entries.get(key);
    if (!current) {
      this.entries.set(key, { ...request, createdAt: now, inFlight: true });
      return { kind: 'new' };
    }
    if (current.inFlight) return { kind: 'in_flight' };
    if (current.method !== request.method || current.path !== request.path)
      return { kind: 'other_endpoint', entry: current };
    if (current.fingerprint !== request.fingerprint) return { kind: 'other_params' };
    return { kind: 'replay', entry: current as IdempotentEntry & { statusCode: number; body: string } };
  }

  /** Stores the response of a request that ran. */
  complete(key: string, statusCode: number, body: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.inFlight = false;
    entry.statusCode = statusCode;
    entry.body = body;
  }

  /** Forgets a key whose request failed validation, so a corrected request may use it. */
  abandon(key: string): void {
    this.entries.delete(key);
  }

  /** Drops keys older than Stripe keeps them (at most once a minute), and the oldest beyond the cap. */
  prune(now: number): void {
    if (now - this.lastPrune >= PRUNE_EVERY_SECONDS) {
      this.lastPrune = now;
      for (const [key, entry] of this.entries) {
        if (!entry.inFlight && now - entry.createdAt > KEY_LIFETIME_SECONDS) this.entries.delete(key);
      }
    }
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= MAX_KEYS) break;
      if (!entry.inFlight) this.entries.delete(key);
    }
  }

  /** How many keys are remembered. */
  size(): number {
    return this.entries.size;
  }
}
