import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { z } from 'zod';
import { ZEmailSchema, ZPasswordSchema } from '@mercato/shared';
import { ensureAdmin } from '../modules/users/bootstrap.js';
import { createUsersRepo, userIndexes } from '../modules/users/repo.js';
import { ensureIndexes } from '../lib/mongo-indexes.js';
import { personalDataFromEnv } from './personal-data-env.js';

/**
 * `npm run admin:create -- --email <email> --password <password> [--name <name>]`: creates an admin or promotes
 * an existing account (and sets the given password). Needs MONGODB_URI and the shop's DATA_ENCRYPTION_KEYS and
 * BLIND_INDEX_KEY (names are sealed); the launcher supplies them.
 */
const { values } = parseArgs({
  options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
  strict: true,
});
const input = z
  .object({ email: ZEmailSchema, password: ZPasswordSchema, name: z.string().trim().min(1).max(100).optional() })
  .safeParse(values);
if (!input.success) {
  process.stderr.write(
    `Usage: npm run admin:create -- --email <email> --password <password> [--name <name>]\n${input.error.issues
      .map((issue) => `  --${issue.path.join('.')}: ${issue.message}`)
      .join('\n')}\n`,
  );
  process.exit(64);
}
const uri = process.env.MONGODB_URI;
if (!uri) {
  process.stderr.write('MONGODB_URI is not set.\n');
  process.exit(78);
}
const client = await new MongoClient(uri).connect();
try {
  const db = client.db(process.env.MONGODB_DB);
  await ensureIndexes(db, [userIndexes]);
  const cost = Math.max(12, Number(process.env.BCRYPT_COST ?? 12));
  const result = await ensureAdmin(
    // No cache here: running instances show a promotion on the account page within CACHE_TTL_SECONDS (the role
    // that grants access is in the access token, which a new sign-in issues).
    createUsersRepo(db, personalDataFromEnv(process.env), null),
    { ...input.data, overwritePassword: true },
    cost,
  );
  process.stdout.write(
    `Admin ${input.data.email}: ${result === 'created' ? 'created' : result === 'promoted' ? 'promoted from customer' : 'already an admin; password updated'}.\n`,
  );
} finally {
  await client.close();
}
