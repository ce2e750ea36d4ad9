/**
 * A least-recently-used map bounded by bytes, with a time to live per entry. The caller states each value's size
 * (it knows what the value holds); the map evicts the least recently read entries until the total fits. A `Map`
 * keeps insertion order, so moving an entry to the end on each read makes its first key the least recently used.
 */
export class MemoryLru<V> {
  private readonly entries = new Map<string, { value: V; bytes: number; expiresAt: number }>();
  private total = 0;

  constructor(
    readonly maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The live value for `key`, which becomes the most recently used; undefined when absent or expired. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores `value` (replacing any under `key`); a value larger than the whole budget is not kept. */
  set(key: string, value: V, bytes: number, ttlMs: number): void {
    this.delete(key);
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { value, bytes, expiresAt: this.now() + ttlMs });
    this.total += bytes;
    this.evict();
  }

  /** Records that the value under `key` (if it is still this one) grew by `bytes`, e.g. a compressed copy. */
  grow(key: string, value: V, bytes: number): void {
    const entry = this.entries.get(key);
    if (entry?.value !== value) return;
    entry.bytes += bytes;
    this.total += bytes;
    this.evict();
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.total;
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.total <= this.maxBytes) return;
      this.entries.delete(key);
      this.total -= entry.bytes;
    }
  }
}
