import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './paths.js';

export interface Launched {
  child: ChildProcess;
  exited: Promise<number | null>;
  /** Everything it printed so far, stdout and stderr together. */
  output(): string;
}

/**
 * One of the launchers (`start.ts`, `start-cluster.ts`) as a person runs it, on `port` and a data directory of the
 * test's, without building (the tests run after `npm test`'s build). It gets its own process group, as a shell's
 * foreground job does, so Ctrl-C (`process.kill(-pid, 'SIGINT')`) reaches the whole group.
 */
export function spawnLauncher(script: string, args: string[], options: { port: number; dataDir: string }): Launched {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/src', script), ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      PORT: String(options.port),
      MERCATO_DATA_DIR: options.dataDir,
      MERCATO_SKIP_BUILD: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}
