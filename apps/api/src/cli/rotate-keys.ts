import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { rotateKeys } from '../modules/privacy/rotate-keys.js';
import { personalDataFromEnv } from './personal-data-env.js';

/**
 * `npm run keys:rotate [-- --reindex]`: re-seals every sealed personal field under the active key and prints
 * progress per field. Safe to interrupt and run again (it carries on), and to run while the shop serves traffic.
 * `--reindex` also recomputes the blind indexes, after BLIND_INDEX_KEY changed.
 */
const { values } = parseArgs({ options: { reindex: { type: 'boolean', default: false } }, strict: true });
const uri = process.env.MONGODB_URI;
if (!uri) {
  process.stderr.write('MONGODB_URI is not set.\n');
  process.exit(78);
}
const personal = personalDataFromEnv(process.env);
const client = await new MongoClient(uri).connect();
try {
  process.stdout.write(`Re-sealing personal data under key "${personal.activeKeyId}"…\n`);
  const resealed = await rotateKeys(client.db(process.env.MONGODB_DB), personal, {
    reindex: values.reindex,
    onProgress: ({ field, done, total }) => process.stdout.write(`  ${field}: ${done}/${total}\n`),
  });
  process.stdout.write(
    `Done: ${resealed} value(s) re-sealed. Keys other than "${personal.activeKeyId}" can now be removed from DATA_ENCRYPTION_KEYS.\n`,
  );
} finally {
  await client.close();
}
