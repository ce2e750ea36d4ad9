/**
 * A least-recently-used map bounded by bytes, with a time to live per entry. The caller states each value's size
 * (it knows what the value holds); the map evicts least recently used entries until the total fits. A `Map` keeps
 * insertion order, oldest first. A read only marks its entry as used (reordering the map on every read is the
 * costliest part of a hit); eviction gives a used entry a second chance, moving it to the newest end and clearing
 * the mark, and takes the first unmarked one: least recently used, as far as eviction can tell ("CLOCK").
 */
export class MemoryLru<V> {
  private readonly entries = new Map<string, { value: V; bytes: number; expiresAt: number; isUsed: boolean }>();
  private total = 0;

  constructor(
    readonly maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The live value for `key`, marked as used; undefined when absent or expired. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.delete(key);
      return undefined;
    }
    entry.isUsed = true;
    return entry.value;
  }

  /** Stores `value` (replacing any under `key`); a value larger than the whole budget is not kept. */
  set(key: string, value: V, bytes: number, ttlMs: number): void {
    this.delete(key);
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { value, bytes, expiresAt: this.now() + ttlMs, isUsed: false });
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
    // A second chance moves the entry behind the ones still to visit; clearing its mark ends the loop at the latest
    // on its second visit.
    for (const [key, entry] of this.entries) {
      if (this.total <= this.maxBytes) return;
      this.entries.delete(key);
      if (entry.isUsed) {
        entry.isUsed = false;
        this.entries.set(key, entry);
      } else {
        this.total -= entry.bytes;
      }
    }
  }
}
