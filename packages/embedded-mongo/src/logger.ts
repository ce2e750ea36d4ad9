/** Where the engine reports what it does (start-up, recovery, problems). */
export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/** A logger that drops everything (the library default: tests and the launcher pass their own). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** A logger writing to stderr with a prefix, for the CLI. */
export function consoleLogger(prefix = '[embedded-mongo]'): Logger {
  return {
    info: (msg) => console.error(`${prefix} ${msg}`),
    warn: (msg) => console.error(`${prefix} warning: ${msg}`),
    error: (msg) => console.error(`${prefix} error: ${msg}`),
  };
}
