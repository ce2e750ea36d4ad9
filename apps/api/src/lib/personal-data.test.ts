import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPersonalData, isSealed, normaliseForIndex } from './personal-data.js';

const key = () => randomBytes(32).toString('base64');
const keys = { DATA_ENCRYPTION_KEYS: `k2:${key()},k1:${key()}`, BLIND_INDEX_KEY: 'b'.repeat(40) };

describe('personal data', () => {
  it('when a value is sealed, then only the same context opens it and the active key is recorded', () => {
    const personal = createPersonalData(keys);
    const sealed = personal.seal('Ada Lovelace', 'users.name:1');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed.startsWith('v1.k2.')).toBe(true);
    expect(sealed).not.toContain('Ada');
    expect(personal.open(sealed, 'users.name:1')).toBe('Ada Lovelace');
    expect(() => personal.open(sealed, 'users.name:2')).toThrow();
    expect(personal.openJson(personal.sealJson({ a: 1 }, 'c'), 'c')).toEqual({ a: 1 });
  });

  it('when a value is plaintext or under another key, then it needs rotation; legacy plaintext opens as it is', () => {
    const personal = createPersonalData(keys);
    const old = createPersonalData({ ...keys, DATA_ENCRYPTION_ACTIVE_KEY: 'k1' }).seal('x', 'c');
    expect(personal.needsRotation(old)).toBe(true);
    expect(personal.needsRotation('plain text')).toBe(true);
    expect(personal.needsRotation(personal.seal('x', 'c'))).toBe(false);
    expect(personal.open(old, 'c')).toBe('x');
    expect(personal.openLegacy('Grace Hopper', 'c')).toBe('Grace Hopper');
    expect(personal.activeKeyId).toBe('k2');
  });

  it('when emails differ only in case, accents or spaces, then their blind index is the same; another key gives another', () => {
    const personal = createPersonalData(keys);
    expect(personal.blindIndex('email', ' Ada@Example.COM ')).toBe(personal.blindIndex('email', 'ada@example.com'));
    expect(personal.blindIndex('email', 'ada@example.com')).not.toBe(personal.blindIndex('name', 'ada@example.com'));
    const other = createPersonalData({ ...keys, BLIND_INDEX_KEY: 'c'.repeat(40) });
    expect(other.blindIndex('email', 'ada@example.com')).not.toBe(personal.blindIndex('email', 'ada@example.com'));
    expect(normaliseForIndex('  Zoë   Brontë ')).toBe('zoe bronte');
  });

  it('when a name is indexed by words, then any whole word finds it in any order, and a fragment does not', () => {
    const personal = createPersonalData(keys);
    const index = personal.wordIndex('name', 'Ada King-Lovelace');
    expect(index).toHaveLength(3);
    expect(index).toEqual(expect.arrayContaining(personal.wordIndex('name', 'lovelace ada')));
    expect(index).not.toContain(personal.wordIndex('name', 'Love')[0]);
  });

  it('when a signed token is changed or used for another purpose, then it is refused', () => {
    const personal = createPersonalData(keys);
    const token = personal.signToken('unsubscribe', 'abc123');
    expect(personal.verifyToken('unsubscribe', token)).toBe('abc123');
    expect(personal.verifyToken('other', token)).toBeNull();
    expect(personal.verifyToken('unsubscribe', token.replace('abc123', 'abc124'))).toBeNull();
    expect(personal.verifyToken('unsubscribe', `${token}x`)).toBeNull();
    expect(personal.verifyToken('unsubscribe', 'no-dot')).toBeNull();
  });
});
