import { createPersonalData, type PersonalData } from '../lib/personal-data.js';
import { ZEnvSchema } from '../config/env-schema.js';

/**
 * The personal-data keys for a command-line tool, from the same variables (and development defaults) as the API:
 * a tool that sealed with other keys would write values the shop cannot open.
 */
export function personalDataFromEnv(env: NodeJS.ProcessEnv): PersonalData {
  const keys = ZEnvSchema.pick({
    NODE_ENV: true,
    DATA_ENCRYPTION_KEYS: true,
    DATA_ENCRYPTION_ACTIVE_KEY: true,
    BLIND_INDEX_KEY: true,
  }).parse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== '')));
  if (keys.NODE_ENV === 'production' && (!env.DATA_ENCRYPTION_KEYS || !env.BLIND_INDEX_KEY))
    throw new Error('DATA_ENCRYPTION_KEYS and BLIND_INDEX_KEY are required in production');
  return createPersonalData(keys);
}
