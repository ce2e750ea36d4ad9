import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

/**
 * CPU time (user + system, in ms) a process has used so far, from /proc. Returns NaN where /proc is missing
 * (not Linux) or the process is gone: the figure is then left out of the report instead of being made up.
 */
export function cpuMillis(pid: number): number {
  try {
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces; fields after its closing parenthesis are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const user = Number(fields[11]);
    const system = Number(fields[12]);
    return ((user + system) * 1_000) / ticksPerSecond;
  } catch {
    return Number.NaN;
  }
}

/** Samples the CPU time of several processes around `work`: what each spent, in ms, while it ran. */
export async function measureCpu<T>(
  pids: Record<string, number>,
  work: () => Promise<T>,
): Promise<{ result: T; cpuMs: Record<string, number> }> {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMillis(pid)]));
  const result = await work();
  const cpuMs = Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => [name, cpuMillis(pid) - (before[name] ?? Number.NaN)]),
  );
  return { result, cpuMs };
}

/**
 * Waits until `pid` stops burning CPU: less than 2.5% of a core over a whole second, so a process that is merely
 * descheduled for a moment on a busy machine does not pass for idle. At most `timeoutMs`.
 */
export async function waitForIdle(pid: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = cpuMillis(pid);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const now = cpuMillis(pid);
    if (!(now - last > 25)) return;
    last = now;
  }
}
