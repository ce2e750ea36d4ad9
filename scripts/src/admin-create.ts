import { join } from 'node:path';
import { run } from './lib/child.js';
import { ROOT } from './lib/paths.js';
import { readLiveRuntime } from './lib/runtime.js';
import { startEngine } from './lib/services.js';

/**
 * `npm run admin:create -- --email … --password …`: creates (or promotes) an admin in the shop's database —
 * MONGODB_URI when set, otherwise the running shop's embedded engine, otherwise the embedded engine's data in
 * .data/mongo, started just for this command.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if ((await run('npx', ['tsc', '-b', 'apps/api'], { cwd: ROOT })) !== 0) return 1;
  const live = readLiveRuntime();
  const engine = process.env.MONGODB_URI || live ? undefined : await startEngine();
  const uri = process.env.MONGODB_URI ?? (live ? live.mongoUri : `${engine?.url}/mercato`);
  try {
    return await run(process.execPath, [join(ROOT, 'apps/api/dist/cli/admin-create.js'), ...args], {
      env: { ...process.env, MONGODB_URI: uri },
    });
  } finally {
    await engine?.child.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
