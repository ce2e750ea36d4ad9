import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Encrypts personal fields at rest with AES-256-GCM. Every value records the id of the key that encrypted it, so
 * keys can be rotated: new writes use the active key, old values stay readable while their key is configured.
 * The `context` (e.g. `order.shippingAddress:<orderId>`) is bound as additional authenticated data, so a
 * ciphertext copied onto another record fails to decrypt instead of leaking there.
 *
 * Format: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts).
 */
export interface FieldCipher {
  encrypt(plaintext: string, context: string): string;
  decrypt(sealed: string, context: string): string;
  /** True when the value was sealed with a key other than the active one (candidate for re-encryption). */
  needsRotation(sealed: string): boolean;
}

export function createFieldCipher(keysSpec: string, activeKeyId?: string): FieldCipher {
  const keys = new Map<string, Buffer>();
  for (const entry of keysSpec.split(',')) {
    const [id, material] = entry.split(':');
    if (!id || !material) throw new Error('invalid key entry');
    const key = Buffer.from(material, 'base64');
    if (key.length !== 32) throw new Error(`key ${id} must be 32 bytes`);
    keys.set(id, key);
  }
  const active = activeKeyId ?? keysSpec.split(',')[0]?.split(':')[0];
  const activeKey = active ? keys.get(active) : undefined;
  if (!active || !activeKey) throw new Error('no active encryption key');

  return {
    encrypt(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', activeKey, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [
        'v1',
        active,
        iv.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        ciphertext.toString('base64url'),
      ].join('.');
    },
    decrypt(sealed, context) {
      const [version, keyId, iv, tag, ciphertext] = sealed.split('.');
      if (version !== 'v1' || !keyId || !iv || !tag || ciphertext === undefined)
        throw new Error('not an encrypted field');
      const key = keys.get(keyId);
      if (!key) throw new Error(`encryption key ${keyId} is not configured`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    },
    needsRotation(sealed) {
      return sealed.split('.')[1] !== active;
    },
  };
}
