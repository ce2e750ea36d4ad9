import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from './paths.js';

/** Secrets generated once per checkout for the local shop; kept in .data/ (git-ignored), never in the repo. */
export interface LocalSecrets {
  JWT_SECRET: string;
  DATA_ENCRYPTION_KEYS: string;
  /** Keys the HMAC blind indexes (order and mail lookups by email); added to older secrets files on first read. */
  BLIND_INDEX_KEY: string;
  STRIPE_WEBHOOK_SECRET: string;
  STRIPE_SANDBOX_KEY: string;
  DEMO_ADMIN_PASSWORD: string;
}

export function loadOrCreateSecrets(): LocalSecrets {
  const file = join(DATA_DIR, 'secrets.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>;
    if (stored.BLIND_INDEX_KEY) return stored as LocalSecrets;
    const upgraded = { ...stored, BLIND_INDEX_KEY: newBlindIndexKey() } as LocalSecrets;
    writeFileSync(file, `${JSON.stringify(upgraded, null, 2)}\n`, { mode: 0o600 });
    return upgraded;
  }
  const secrets: LocalSecrets = {
    JWT_SECRET: randomBytes(48).toString('base64url'),
    DATA_ENCRYPTION_KEYS: `local1:${randomBytes(32).toString('base64')}`,
    BLIND_INDEX_KEY: newBlindIndexKey(),
    STRIPE_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString('hex')}`,
    STRIPE_SANDBOX_KEY: `sk_test_sandbox_${randomBytes(16).toString('hex')}`,
    DEMO_ADMIN_PASSWORD: randomBytes(9).toString('base64url'),
  };
  mkdirSync(DATA_DIR, { recursive: true });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}

function newBlindIndexKey(): string {
  return randomBytes(32).toString('base64url');
}
