import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Writes a benchmark's markdown report (creating bench/results/ if needed) and says where. */
export async function writeResults(file: string, markdown: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, markdown);
  console.log(`\nwrote ${file}`);
}

/** Progress lines prefixed with the seconds since the run started. */
export function stepLogger(startedAt: Date): (message: string) => void {
  return (message) => console.log(`[${Math.round((Date.now() - startedAt.getTime()) / 1_000)} s] ${message}`);
}
