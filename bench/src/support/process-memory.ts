import { readFileSync } from 'node:fs';

/**
 * A process's resident memory from /proc/<pid>/status, in bytes: `rss` now (VmRSS) and `peak` since it started
 * (VmHWM, the high-water mark). NaN where /proc is missing (not Linux) or the process is gone.
 */
export function residentMemory(pid: number): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rss: kib('VmRSS') * 1_024, peak: kib('VmHWM') * 1_024 };
  } catch {
    return { rss: Number.NaN, peak: Number.NaN };
  }
}

/**
 * Samples the resident memory of some processes every `intervalMs` while `work` runs: the largest value each
 * reached (VmRSS), which unlike VmHWM leaves out whatever start-up needed.
 */
export async function sampleMemory<T>(
  pids: Record<string, number>,
  work: () => Promise<T>,
  intervalMs = 250,
): Promise<{ result: T; maxRss: Record<string, number> }> {
  const maxRss: Record<string, number> = {};
  const sample = () => {
    for (const [name, pid] of Object.entries(pids)) {
      const { rss } = residentMemory(pid);
      if (Number.isFinite(rss)) maxRss[name] = Math.max(maxRss[name] ?? 0, rss);
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  try {
    const result = await work();
    sample();
    return { result, maxRss };
  } finally {
    clearInterval(timer);
  }
}

/** Bytes as MiB with one decimal. */
export function formatMiB(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1_048_576).toFixed(1)} MiB` : '–';
}
