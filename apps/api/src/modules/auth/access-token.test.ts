import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAccessTokens } from './access-token.js';

const SECRET = 'unit-test-secret-that-is-long-enough-0123456789';
const CLAIMS = { userId: '6b158691502a43376d740ea8', role: 'customer' as const, sessionId: '6b158691502a43376d740ea9' };

afterEach(() => {
  vi.useRealTimers();
});

describe('access tokens', () => {
  it('when a token verified once is presented again, then the same claims come back', async () => {
    const tokens = createAccessTokens(SECRET, 60);
    const token = await tokens.sign(CLAIMS);
    expect(await tokens.verify(token)).toEqual(CLAIMS);
    expect(await tokens.verify(token)).toEqual(CLAIMS);
  });

  it('when a remembered token expires, then it is refused although it verified before', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-06T12:00:00Z'));
    const tokens = createAccessTokens(SECRET, 60);
    const token = await tokens.sign(CLAIMS);
    expect(await tokens.verify(token)).toEqual(CLAIMS);
    vi.setSystemTime(new Date('2026-12-06T12:01:01Z'));
    expect(await tokens.verify(token)).toBeNull();
    expect(await tokens.verify(token)).toBeNull();
  });

  it('when a remembered token is altered by one character, or signed with another secret, then it is refused', async () => {
    const tokens = createAccessTokens(SECRET, 60);
    const token = await tokens.sign(CLAIMS);
    expect(await tokens.verify(token)).toEqual(CLAIMS);
    // The signature's first character, not its last: the last one of 32 bytes in base64url carries two padding
    // bits, so some changes to it decode to the very same signature (and the test would fail now and then).
    const at = token.lastIndexOf('.') + 1;
    const altered = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
    expect(await tokens.verify(altered)).toBeNull();
    const other = createAccessTokens(`${SECRET}-other`, 60);
    expect(await other.verify(token)).toBeNull();
  });

  it('when a token claims a role that does not exist, then it is refused', async () => {
    const tokens = createAccessTokens(SECRET, 60);
    const token = await tokens.sign({ ...CLAIMS, role: 'owner' as never });
    expect(await tokens.verify(token)).toBeNull();
  });
});
