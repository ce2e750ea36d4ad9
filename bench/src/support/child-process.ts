import { spawn } from 'node:child_process';
import { REPO_ROOT } from './repo-paths.js';

const OUTPUT_LIMIT = 20_000;

/** A server the benchmark runs as its own OS process. */
export interface ServiceProcess {
  name: string;
  pid: number;
  /** The tail of its stdout and stderr, for error messages. */
  output(): string;
  /** Resolves with the first stdout/stderr match of `pattern`; rejects if the process exits or time runs out. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** SIGTERM, then SIGKILL after 10 s; resolves once the process has exited. */
  stop(): Promise<void>;
  readonly hasExited: boolean;
}

/**
 * Runs a TypeScript entry point in its own Node process, with workspace packages resolved to their sources
 * (`--conditions=source`, as `tsx` does for tests). Node itself loads tsx (`--import tsx`) rather than going
 * through the `tsx` CLI, so there is exactly one process per server and its pid is the one that gets measured
 * and stopped. Only PATH and `env` are passed on, so nothing leaks in from the caller's environment.
 */
export function spawnTypeScript(
  ...[name, entry, args, env, nodeArgs = []]: Parameters<typeof spawnNode>
): ServiceProcess {
  return spawnNode(name, entry, args, env, [...nodeArgs, '--import', 'tsx', '--conditions=source']);
}

/** Runs a built JavaScript entry point in its own Node process (what production runs: no compiler loaded). */
export function spawnNode(
  name: string,
  entry: string,
  args: string[],
  env: Record<string, string>,
  nodeArgs: string[] = [],
): ServiceProcess {
  const child = spawn(process.execPath, [...nodeArgs, entry, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${name}`);
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_LIMIT);
    listeners.forEach((listener) => listener());
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
    listeners.forEach((listener) => listener());
  });

  return {
    name,
    pid: child.pid,
    output: () => output,
    get hasExited() {
      return hasExited;
    },
    waitForOutput(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => finish(new Error(`${name} printed no ${pattern} within ${timeoutMs} ms`)),
          timeoutMs,
        );
        const check = () => {
          const match = pattern.exec(output);
          if (match) finish(undefined, match);
          else if (hasExited) finish(new Error(`${name} exited (code ${child.exitCode}) before ready:\n${output}`));
        };
        const finish = (error?: Error, match?: RegExpMatchArray) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (match) resolve(match);
          else reject(error ?? new Error(`${name}: no match`));
        };
        listeners.add(check);
        check();
      });
    },
    async stop() {
      if (hasExited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until it answers 200; fails early with the server's output if its process exits first. */
export async function waitForHttp(url: string, server: ServiceProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.hasExited) throw new Error(`${server.name} exited before answering ${url}:\n${server.output()}`);
    const status = await fetch(url)
      .then((response) => response.status)
      .catch(() => 0);
    if (status === 200) return;
    if (Date.now() > deadline)
      throw new Error(`${server.name} did not answer ${url} within ${timeoutMs} ms:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
