import { readdirSync, readFileSync } from 'node:fs';

/** A process as /proc describes it. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** R, S, D, Z (zombie: exited, not yet reaped), … */
  state: string;
  command: string;
}

/** pid, parent pid and state of every process, from /proc (no procps on minimal images). */
export function readProcesses(): ProcessInfo[] {
  const processes: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (command) state ppid …"; the command may itself contain spaces or parentheses.
      const close = stat.lastIndexOf(')');
      const [state = '', ppid = '0'] = stat.slice(close + 2).split(' ');
      processes.push({
        pid: Number(entry),
        ppid: Number(ppid),
        state,
        command: stat.slice(stat.indexOf('(') + 1, close),
      });
    } catch {
      // Exited while we were reading.
    }
  }
  return processes;
}

/** Every process started under `root`, grandchildren included (a `sleep` a supervisor runs is left out). */
export function descendantsOf(root: number): { pid: number; command: string }[] {
  const processes = readProcesses();
  const found: { pid: number; command: string }[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const proc of processes.filter((candidate) => candidate.ppid === parent && candidate.command !== 'sleep')) {
      found.push({ pid: proc.pid, command: proc.command });
      queue.push(proc.pid);
    }
  }
  return found;
}

/** Those of `services` still running; a zombie has exited (nothing may reap it once orphaned in a container). */
export function stillRunning(services: { pid: number; command: string }[]): string[] {
  const running = new Map(readProcesses().map((proc) => [proc.pid, proc.state]));
  return services
    .filter((service) => running.has(service.pid) && running.get(service.pid) !== 'Z')
    .map((service) => `${service.pid} ${service.command}`);
}
