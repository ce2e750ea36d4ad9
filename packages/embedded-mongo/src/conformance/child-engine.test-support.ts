import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../cli.ts', import.meta.url));
const READY = /^Embedded MongoDB listening on (mongodb:\/\/\S+) \(data: (.+)\)$/m;

/** The CLI running as a separate process (so it can be killed with SIGKILL). */
export interface ChildEngine {
  uri: string;
  process: ChildProcess;
  stderr(): string;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
}

/** Starts `cli.ts` through tsx in a child process (with any extra CLI flags) and waits for its ready line. */
export async function spawnEngine(dbPath: string, extraArgs: readonly string[] = []): Promise<ChildEngine> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--dbpath', dbPath, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const uri = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`engine did not start in time: ${stderr}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = READY.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`engine exited (${code}) before it was ready: ${stderr}`));
    });
  });
  return { uri, process: child, stderr: () => stderr, exited };
}
