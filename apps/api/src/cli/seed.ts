import { buildApp } from '../app.js';
import { loadConfigOrExit } from '../lib/boot.js';
import { runDemoSeed } from '../seed/run-seed.js';

/**
 * Prepares the database before the API starts: indexes (created by building the app) and, on the very first
 * start, the demo data. Safe to run on every start.
 */
const config = loadConfigOrExit({ ...process.env, RUN_WORKER: 'false', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
const app = await buildApp(config, { logger: { level: 'warn' } });
try {
  await app.ready();
  const result = await runDemoSeed(app);
  process.stdout.write(result === 'seeded' ? 'Demo data created (first start).\n' : 'Demo data already present.\n');
} finally {
  await app.close();
}
