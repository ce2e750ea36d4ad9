import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounce } from './debounce.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('debounce', () => {
  it('when calls come in a burst, then it runs once, a second after the last', () => {
    const run = vi.fn();
    const refresh = debounce(run, 1_000, 5_000);

    refresh();
    vi.advanceTimersByTime(400);
    refresh();
    vi.advanceTimersByTime(999);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);

    expect(run).toHaveBeenCalledTimes(1);
  });

  it('when calls never pause, then it still runs at least every maxWait', () => {
    const run = vi.fn();
    const refresh = debounce(run, 1_000, 5_000);

    for (let tick = 0; tick < 24; tick += 1) {
      refresh();
      vi.advanceTimersByTime(500);
    }

    expect(run).toHaveBeenCalledTimes(2);
  });

  it('when flushed or cancelled, then a pending run happens at once or not at all', () => {
    const run = vi.fn();
    const refresh = debounce(run, 1_000, 5_000);

    refresh();
    refresh.flush();
    refresh.flush();
    expect(run).toHaveBeenCalledTimes(1);
    refresh();
    refresh.cancel();
    vi.advanceTimersByTime(10_000);

    expect(run).toHaveBeenCalledTimes(1);
  });
});
