export type ReleaseOrder = 'fifo' | 'reverse' | 'shuffle';

/** The held deliveries in the order they will be released. */
export function orderForRelease<T>(held: readonly T[], order: ReleaseOrder, seed?: number): T[] {
  if (order === 'fifo') return [...held];
  if (order === 'reverse') return [...held].reverse();
  const random = seededRandom(seed ?? Math.floor(Math.random() * 2 ** 31));
  const shuffled = [...held];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as T, shuffled[i] as T];
  }
  return shuffled;
}

/** mulberry32: a tiny deterministic PRNG so a shuffled release can be reproduced from its seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
