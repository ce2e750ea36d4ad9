/** The logger the sandbox writes to; the library is silent by default, the CLI prints. */
export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/** A logger that drops everything (the library default, so test output stays clean). */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
