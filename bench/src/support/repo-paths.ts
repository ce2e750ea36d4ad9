import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root; benchmarks spawn workspace entry points relative to it. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** An absolute path inside the repository. */
export function repoPath(...parts: string[]): string {
  return join(REPO_ROOT, ...parts);
}
