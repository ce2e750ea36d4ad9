import { join } from 'node:path';
import { run } from './child.js';
import { ROOT } from './paths.js';
import { readLiveRuntime } from './runtime.js';
import { loadOrCreateSecrets } from './secrets.js';
import { startEngine } from './services.js';

/**
 * Runs one of the API's command-line tools (apps/api/dist/cli/<name>.js) against the shop's database: MONGODB_URI
 * when set, otherwise the running shop's embedded engine, otherwise the engine's data in .data/mongo, started just
 * for this command. The tool gets the shop's own personal-data keys (environment first, then the local secrets), so
 * what it seals the shop can open.
 */
export async function runShopCli(name: string, args: string[]): Promise<number> {
  if ((await run('npx', ['tsc', '-b', 'apps/api'], { cwd: ROOT })) !== 0) return 1;
  const live = readLiveRuntime();
  const engine = process.env.MONGODB_URI || live ? undefined : await startEngine();
  const uri = process.env.MONGODB_URI ?? (live ? live.mongoUri : `${engine?.url}/mercato`);
  const secrets = process.env.MONGODB_URI ? undefined : loadOrCreateSecrets();
  try {
    return await run(process.execPath, [join(ROOT, `apps/api/dist/cli/${name}.js`), ...args], {
      env: {
        ...process.env,
        MONGODB_URI: uri,
        DATA_ENCRYPTION_KEYS: process.env.DATA_ENCRYPTION_KEYS ?? secrets?.DATA_ENCRYPTION_KEYS,
        BLIND_INDEX_KEY: process.env.BLIND_INDEX_KEY ?? secrets?.BLIND_INDEX_KEY,
      },
    });
  } finally {
    await engine?.child.stop();
  }
}

/** Exits with the tool's code; a launcher failure is printed without a stack. */
export function exitWith(result: Promise<number>): void {
  result.then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
