import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher } from './field-encryption.js';

const key = () => randomBytes(32).toString('base64');

describe('field encryption', () => {
  it('when a value is sealed and opened with the same context, then it round-trips and is not readable at rest', () => {
    const cipher = createFieldCipher(`k1:${key()}`);
    const sealed = cipher.encrypt('221B Baker Street', 'order.address:1');
    expect(sealed).toMatch(/^v1\.k1\./);
    expect(sealed).not.toContain('Baker');
    expect(cipher.decrypt(sealed, 'order.address:1')).toBe('221B Baker Street');
  });

  it('when the same value is sealed twice, then the ciphertexts differ (random IV)', () => {
    const cipher = createFieldCipher(`k1:${key()}`);
    expect(cipher.encrypt('x', 'c')).not.toBe(cipher.encrypt('x', 'c'));
  });

  it('when a ciphertext is moved to another record or tampered with, then decryption fails', () => {
    const cipher = createFieldCipher(`k1:${key()}`);
    const sealed = cipher.encrypt('secret', 'order.address:1');
    expect(() => cipher.decrypt(sealed, 'order.address:2')).toThrow();
    const parts = sealed.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'order.address:1')).toThrow();
  });

  it('when keys rotate, then old values still open, new ones use the new key, and rotation is detectable', () => {
    const oldKey = key();
    const before = createFieldCipher(`old:${oldKey}`);
    const sealedOld = before.encrypt('kept', 'ctx');
    const after = createFieldCipher(`new:${key()},old:${oldKey}`, 'new');
    expect(after.decrypt(sealedOld, 'ctx')).toBe('kept');
    expect(after.needsRotation(sealedOld)).toBe(true);
    const sealedNew = after.encrypt('fresh', 'ctx');
    expect(sealedNew).toMatch(/^v1\.new\./);
    expect(after.needsRotation(sealedNew)).toBe(false);
    expect(() => before.decrypt(sealedNew, 'ctx')).toThrow(/not configured/);
  });
});
