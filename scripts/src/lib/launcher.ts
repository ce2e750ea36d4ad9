import { DATA_DIR } from './paths.js';
import { clearRuntime } from './runtime.js';

/** A launcher's progress line, in bold. */
export function step(message: string): void {
  process.stdout.write(`\x1b[1m→ ${message}\x1b[0m\n`);
}

/** Stops a launcher before anything was started, saying why. */
export function fail(message: string): never {
  process.stderr.write(`\n✘ ${message}\n`);
  process.exit(1);
}

/**
 * How a launcher (`npm start`, `npm run start:cluster`) stops: once, whoever asks first (Ctrl-C, SIGTERM, a step that
 * failed, a process that died), by `stopAll` in the launcher's own order, then the runtime file goes and the process
 * exits with the code given. `run` starts the launcher's `main` under it.
 */
export function launcherLifecycle(stopAll: () => Promise<void>) {
  let isStopping = false;
  async function shutdown(code: number, message?: string): Promise<never> {
    if (isStopping) return new Promise<never>(() => {});
    isStopping = true;
    if (message) process.stderr.write(`\n${code === 0 ? '' : '✘ '}${message}\n`);
    process.stdout.write('→ Stopping…\n');
    await stopAll();
    clearRuntime();
    process.stdout.write(`✔ Stopped. Data is kept in ${DATA_DIR} for the next start.\n`);
    process.exit(code);
  }
  return {
    shutdown,
    isStopping: () => isStopping,
    run(main: () => Promise<void>): void {
      process.on('SIGINT', () => void shutdown(0));
      process.on('SIGTERM', () => void shutdown(0));
      main().catch((error: unknown) => shutdown(1, error instanceof Error ? error.message : String(error)));
    },
  };
}
