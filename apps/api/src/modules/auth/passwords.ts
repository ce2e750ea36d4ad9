import { hash, verify } from '@node-rs/bcrypt';
import { createHash } from 'node:crypto';

/**
 * bcrypt reads at most 72 bytes, so a long passphrase would be silently truncated and two passwords sharing a
 * 72-byte prefix would collide. Pre-hashing with SHA-256 (base64, 44 ASCII bytes, no NUL) keeps every character
 * significant.
 */
function prehash(password: string): string {
  return createHash('sha256').update(password.normalize('NFKC'), 'utf8').digest('base64');
}

export function hashPassword(password: string, cost: number): Promise<string> {
  return hash(prehash(password), cost);
}

export async function verifyPassword(password: string, passwordHash: string): Promise<boolean> {
  try {
    return await verify(prehash(password), passwordHash);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Compares against a throw-away hash of the same cost, so "no such account" takes as long as "wrong password"
 * and response time does not reveal which emails are registered.
 */
export async function burnPasswordCheck(password: string, cost: number): Promise<void> {
  dummyHash ??= hashPassword('mercato-timing-equaliser', cost);
  await verifyPassword(password, await dummyHash);
}
