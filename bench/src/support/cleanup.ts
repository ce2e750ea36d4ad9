/**
 * Everything a benchmark starts registers its stop here; `run` stops them in reverse order. Ctrl-C and SIGTERM run
 * the same cleanup before exiting, so an interrupted benchmark never leaves a server behind.
 */
export class Cleanup {
  readonly #steps: Array<{ name: string; stop: () => Promise<void> }> = [];
  #isRunning = false;

  constructor() {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        console.error(`\n${signal}: stopping everything the benchmark started…`);
        void this.run().finally(() => process.exit(130));
      });
    }
  }

  /** Registers a stop step; returns the value so starts read `const x = cleanup.add(await startX(), …)`. */
  add<T>(value: T, name: string, stop: (value: T) => Promise<void>): T {
    this.#steps.push({ name, stop: () => stop(value) });
    return value;
  }

  /** Stops everything registered, newest first; one failing stop does not prevent the others. */
  async run(): Promise<void> {
    if (this.#isRunning) return;
    this.#isRunning = true;
    for (const step of this.#steps.reverse()) {
      await step.stop().catch((error: Error) => console.error(`could not stop ${step.name}: ${error.message}`));
    }
    this.#steps.length = 0;
  }
}
