/** A launcher's progress line, in bold. */
export function step(message: string): void {
  process.stdout.write(`\x1b[1m→ ${message}\x1b[0m\n`);
}

/** Stops a launcher before anything was started, saying why. */
export function fail(message: string): never {
  process.stderr.write(`\n✘ ${message}\n`);
  process.exit(1);
}
