import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
// By path, so an entry started in a directory of its own (where `tsx` would not resolve) still loads.
const tsxLoader = pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;

/** An API entry point (`server.ts`, `worker.ts`) running as its own process from source. */
export interface EntryProcess {
  child: ReturnType<typeof spawn>;
  /** The exit code, or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals | null>;
  output(): { stdout: string; stderr: string };
  /** Signals the process group (only for `detached` processes, which lead their own group). */
  signalGroup(signal: NodeJS.Signals): void;
}

/**
 * Starts `entry` (a path under apps/api/src) with Node and the tsx loader, not the tsx CLI wrapper, so signals
 * reach the entry itself; only PATH and `env` are in its environment, so nothing leaks in from the test runner.
 */
export function runEntry(
  entry: string,
  options: { env: Record<string, string>; cwd?: string; detached?: boolean },
): EntryProcess {
  const entryPath = fileURLToPath(new URL(`../${entry}`, import.meta.url));
  const child = spawn(process.execPath, ['--import', tsxLoader, '--conditions=source', entryPath], {
    cwd: options.cwd ?? repoRoot,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // the group is already gone
    }
  };
  return { child, exited, output: () => ({ stdout, stderr }), signalGroup };
}
