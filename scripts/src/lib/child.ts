import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export interface ManagedChild {
  name: string;
  process: ChildProcess;
  /** Resolves with the exit code (or null when killed by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL (to its whole process group when detached) after `graceMs`; resolves when it is gone. */
  stop(graceMs?: number): Promise<void>;
}

const COLOURS = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m', '\x1b[34m'];
let colourIndex = 0;

/**
 * Spawns a service, prefixes its output lines with its name, and resolves once a line matches `readyPattern`
 * (returning the match), or rejects if it exits or times out first.
 */
export async function startChild(options: {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  readyPattern?: RegExp;
  timeoutMs?: number;
  quiet?: boolean;
  /**
   * Own process group: a terminal Ctrl-C then reaches only the launcher, which stops services in order (app
   * first). Such children watch MERCATO_SUPERVISOR_PID and exit if the launcher dies.
   */
  detached?: boolean;
}): Promise<{ child: ManagedChild; match: RegExpMatchArray | undefined }> {
  const colour = COLOURS[colourIndex++ % COLOURS.length] ?? '';
  const prefix = `${colour}${options.name.padEnd(9)}\x1b[0m│ `;
  const spawnOptions: SpawnOptions = {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  };
  const proc = spawn(options.command, options.args, spawnOptions);
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const recent: string[] = [];

  let onLine: (line: string) => void = () => {};
  const pipe = (stream: NodeJS.ReadableStream | null) => {
    let buffered = '';
    stream?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        recent.push(line);
        if (recent.length > 40) recent.shift();
        if (!options.quiet) process.stdout.write(`${prefix}${line}\n`);
        onLine(line);
      }
    });
  };
  pipe(proc.stdout);
  pipe(proc.stderr);

  const child: ManagedChild = {
    name: options.name,
    process: proc,
    exited,
    async stop(graceMs = 10_000) {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => killHard(proc, options.detached ?? false), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };

  const pattern = options.readyPattern;
  if (!pattern) return { child, match: undefined };
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => {
      void child.stop(1_000);
      reject(
        new Error(
          `${options.name} did not become ready within ${options.timeoutMs ?? 60_000} ms\n${recent.join('\n')}`,
        ),
      );
    }, options.timeoutMs ?? 60_000);
    onLine = (line) => {
      const found = line.match(pattern);
      if (found) {
        clearTimeout(timer);
        onLine = () => {};
        resolve(found);
      }
    };
    proc.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} could not start: ${error.message}`));
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited (code ${code}) before it was ready:\n${recent.join('\n')}`));
    });
  });
  return { child, match };
}

/** SIGKILL; a detached child leads its own process group, so the whole group goes (redis under its supervisor). */
function killHard(proc: ChildProcess, isGroupLeader: boolean): void {
  try {
    if (isGroupLeader && proc.pid !== undefined) process.kill(-proc.pid, 'SIGKILL');
    else proc.kill('SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Runs a command to completion with inherited output; resolves with its exit code. */
export async function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<number> {
  const proc = spawn(command, args, { stdio: 'inherit', env: options.env ?? process.env, cwd: options.cwd });
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
