import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { runMigrations } from '../../lib/migrations.js';
import { ensureIndexes } from '../../lib/mongo-indexes.js';
import { consentIndexes } from './consents-repo.js';
import { createPrivacyDeps, type PrivacyDeps } from './deps.js';
import { sealPersonalFieldsMigration } from './migrate.js';
import { runRetention } from './retention.js';
import { rotateKeys } from './rotate-keys.js';
import { accountPrivacyRoutes, adminPrivacyRoutes, unsubscribeRoutes } from './routes.js';

export const RETENTION_JOB = 'privacy.retention';
export const ROTATE_KEYS_JOB = 'privacy.rotate-keys';
const DAY_MS = 24 * 60 * 60 * 1000;

declare module 'fastify' {
  interface FastifyInstance {
    privacy: PrivacyDeps & { runRetention: (now?: Date) => ReturnType<typeof runRetention> };
  }
}

/**
 * Data protection: seals what older versions stored in clear (a recorded, idempotent migration), serves export,
 * erasure and consent, and schedules retention and key rotation on the job queue (one worker runs each, once).
 */
export const privacyModule = fp(
  async (app: FastifyInstance) => {
    await ensureIndexes(app.mongo.db, [consentIndexes]);
    await runMigrations(app.mongo.db, [sealPersonalFieldsMigration(app.personalData)], app.log);
    const deps = createPrivacyDeps(app);
    app.decorate('privacy', { ...deps, runRetention: (now?: Date) => runRetention(deps, now) });
    await app.register(accountPrivacyRoutes(deps));
    await app.register(unsubscribeRoutes(deps));
    await app.register(adminPrivacyRoutes(deps));

    app.jobs.define(RETENTION_JOB, async () => {
      const report = await runRetention(deps);
      if (Object.values(report).some((count) => count > 0)) app.log.info(report, 'retention');
    });
    app.jobs.define(ROTATE_KEYS_JOB, async () => {
      const resealed = await rotateKeys(app.mongo.db, app.personalData);
      if (resealed > 0) app.log.info({ resealed }, 'personal data re-sealed under the active key');
    });
    app.addHook('onReady', async () => {
      app.jobs.every(RETENTION_JOB, app.config.RETENTION_SWEEP_INTERVAL_MS);
      app.jobs.every(ROTATE_KEYS_JOB, DAY_MS);
    });
  },
  { name: 'privacy', dependencies: ['mongo', 'redis', 'jobs', 'auth', 'checkout', 'personal-data'] },
);
