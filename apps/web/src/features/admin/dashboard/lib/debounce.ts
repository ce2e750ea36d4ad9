export interface Debounced {
  /** Asks for a run; calls close together collapse into one. */
  (): void;
  /** Runs now if a run is pending. */
  flush: () => void;
  /** Drops a pending run. */
  cancel: () => void;
}

/**
 * Runs `run` once calls have paused for `waitMs`, and at least every `maxWaitMs` while they keep coming: a burst of
 * sales refreshes the dashboard once, and a steady stream still refreshes it now and then.
 */
export function debounce(run: () => void, waitMs: number, maxWaitMs: number): Debounced {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstCallAt: number | null = null;

  function fire() {
    clearTimeout(timer);
    timer = undefined;
    firstCallAt = null;
    run();
  }

  const debounced = (() => {
    const now = Date.now();
    firstCallAt ??= now;
    clearTimeout(timer);
    timer = setTimeout(fire, Math.max(0, Math.min(waitMs, firstCallAt + maxWaitMs - now)));
  }) as Debounced;
  debounced.flush = () => {
    if (firstCallAt !== null) fire();
  };
  debounced.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
    firstCallAt = null;
  };
  return debounced;
}
