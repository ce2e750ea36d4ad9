import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './reconnect-delay.js';

const backoff = { baseMs: 1_000, maxMs: 30_000 };

describe('reconnectDelay', () => {
  it('when attempts keep failing, then the longest wait doubles from the base up to the maximum', () => {
    const longest = [0, 1, 2, 3, 4, 5, 6, 40].map((attempt) => reconnectDelay(attempt, backoff, () => 1));

    expect(longest).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('when many dashboards reconnect at once, then each waits between half and all of the ceiling', () => {
    expect(reconnectDelay(2, backoff, () => 0)).toBe(2_000);
    expect(reconnectDelay(2, backoff, () => 0.5)).toBe(3_000);
    for (let run = 0; run < 100; run += 1) {
      const delay = reconnectDelay(3, backoff);
      expect(delay).toBeGreaterThanOrEqual(4_000);
      expect(delay).toBeLessThanOrEqual(8_000);
    }
  });
});
