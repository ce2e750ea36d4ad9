import { createHmac, timingSafeEqual } from 'node:crypto';
import { createFieldCipher, type FieldCipher } from './field-encryption.js';

/**
 * Everything the shop does to keep personal data unreadable at rest, in one object built once at boot:
 * sealing (AES-256-GCM via the field cipher, bound to the record it belongs to), keyed blind indexes (HMAC) for the
 * few values staff must find by exact match, and signed tokens for links that act without signing in (unsubscribe).
 * docs/privacy.md lists every field that goes through it.
 */
export interface PersonalData {
  /** The key new values are sealed under (DATA_ENCRYPTION_ACTIVE_KEY, or the first of DATA_ENCRYPTION_KEYS). */
  readonly activeKeyId: string;
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
  sealJson(value: unknown, context: string): string;
  openJson<T>(sealed: string, context: string): T;
  /**
   * Opens a value written before the field was sealed: a legacy plaintext is returned as it is. Only for reads that
   * may meet data the start-up migration has not reached yet.
   */
  openLegacy(value: string, context: string): string;
  /** True when the value is not sealed under the active key (plaintext or an older key): `keys:rotate` re-seals it. */
  needsRotation(value: string): boolean;
  /** Deterministic keyed digest of a normalised value: equal inputs match, the value cannot be read back. */
  blindIndex(kind: BlindIndexKind, value: string): string;
  /** Word digests of a free-text value (a name), so staff can find it by whole words. */
  wordIndex(kind: BlindIndexKind, value: string): string[];
  /** `<payload>.<signature>` for links acting on behalf of a user without a session. */
  signToken(purpose: string, payload: string): string;
  /** The payload of a token `signToken` made for this purpose, or null when it was not. */
  verifyToken(purpose: string, token: string): string | null;
}

export type BlindIndexKind = 'email' | 'name';

export interface PersonalDataKeys {
  DATA_ENCRYPTION_KEYS: string;
  DATA_ENCRYPTION_ACTIVE_KEY?: string | undefined;
  BLIND_INDEX_KEY: string;
}

const SEALED_SHAPE = /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function isSealed(value: string): boolean {
  return SEALED_SHAPE.test(value);
}

/** Folds case, accents and spacing so "Ada@Example.com " and "ada@example.com" share an index entry. */
export function normaliseForIndex(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}/gu, '').trim().toLowerCase().replace(/\s+/g, ' ');
}

export function createPersonalData(keys: PersonalDataKeys): PersonalData {
  const cipher: FieldCipher = createFieldCipher(keys.DATA_ENCRYPTION_KEYS, keys.DATA_ENCRYPTION_ACTIVE_KEY);
  const hmac = (label: string, value: string) =>
    createHmac('sha256', keys.BLIND_INDEX_KEY).update(`${label}\u0000${value}`).digest('base64url');

  const activeKeyId = keys.DATA_ENCRYPTION_ACTIVE_KEY ?? keys.DATA_ENCRYPTION_KEYS.split(',')[0]?.split(':')[0] ?? '';
  return {
    activeKeyId,
    seal: (plaintext, context) => cipher.encrypt(plaintext, context),
    open: (sealed, context) => cipher.decrypt(sealed, context),
    sealJson: (value, context) => cipher.encrypt(JSON.stringify(value), context),
    openJson: <T>(sealed: string, context: string) => JSON.parse(cipher.decrypt(sealed, context)) as T,
    openLegacy: (value, context) => (isSealed(value) ? cipher.decrypt(value, context) : value),
    needsRotation: (value) => !isSealed(value) || cipher.needsRotation(value),
    blindIndex: (kind, value) => hmac(`index:${kind}`, normaliseForIndex(value)),
    wordIndex: (kind, value) => [
      ...new Set(
        normaliseForIndex(value)
          .split(/[^\p{L}\p{N}]+/u)
          .filter((word) => word.length > 0)
          .map((word) => hmac(`words:${kind}`, word)),
      ),
    ],
    signToken: (purpose, payload) => `${payload}.${hmac(`token:${purpose}`, payload)}`,
    verifyToken(purpose, token) {
      const cut = token.lastIndexOf('.');
      if (cut <= 0) return null;
      const payload = token.slice(0, cut);
      const given = Buffer.from(token.slice(cut + 1));
      const expected = Buffer.from(hmac(`token:${purpose}`, payload));
      return given.length === expected.length && timingSafeEqual(given, expected) ? payload : null;
    },
  };
}
