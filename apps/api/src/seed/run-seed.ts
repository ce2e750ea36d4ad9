import { shopperStateCacheOf } from '../plugins/shopper-cache.js';
import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../modules/auth/passwords.js';
import { seedDemoCatalog } from '../modules/catalog/seed-catalog.js';
import { ensureAdmin } from '../modules/users/bootstrap.js';
import { createUsersRepo } from '../modules/users/repo.js';

export const DEMO_ADMIN_EMAIL = 'admin@mercato.local';
export const DEMO_SHOPPER_EMAIL = 'shopper@mercato.local';
const SEED_VERSION = 1;

interface SeedMarker {
  _id: string;
  version: number;
  seededAt: Date;
}

/**
 * The one-time demo seed: runs when the marker is absent, so restarting the shop never duplicates or resets data.
 * Each capability adds its demo data here.
 */
export async function runDemoSeed(app: FastifyInstance): Promise<'seeded' | 'already-seeded'> {
  const meta = app.mongo.db.collection<SeedMarker>('meta');
  if (await meta.findOne({ _id: 'demo-seed' })) return 'already-seeded';
  const password = app.config.DEMO_ADMIN_PASSWORD;
  if (!password) throw new Error('DEMO_ADMIN_PASSWORD is required to seed demo accounts');

  const users = createUsersRepo(app.mongo.db, app.personalData, shopperStateCacheOf(app));
  await ensureAdmin(
    users,
    { email: DEMO_ADMIN_EMAIL, password, name: 'Demo Admin', overwritePassword: true },
    app.config.BCRYPT_COST,
  );
  await seedShopper(app, password);
  await seedDemoCatalog(app);

  await meta.insertOne({ _id: 'demo-seed', version: SEED_VERSION, seededAt: new Date() });
  return 'seeded';
}

async function seedShopper(app: FastifyInstance, password: string): Promise<void> {
  const users = createUsersRepo(app.mongo.db, app.personalData, shopperStateCacheOf(app));
  if (await users.findByEmail(DEMO_SHOPPER_EMAIL)) return;
  const now = new Date();
  await users.insert({
    email: DEMO_SHOPPER_EMAIL,
    name: 'Demo Shopper',
    passwordHash: await hashPassword(password, app.config.BCRYPT_COST),
    role: 'customer',
    status: 'active',
    createdAt: now,
    updatedAt: now,
    verifiedAt: now,
  });
}
