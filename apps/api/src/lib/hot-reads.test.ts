import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { cachedJsonOf } from './cached-response.js';
import { clientAddress, HotReads } from './hot-reads.js';

function requestFrom(peer: string, forwarded?: string): IncomingMessage {
  return {
    socket: { remoteAddress: peer },
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  } as unknown as IncomingMessage;
}

describe('clientAddress', () => {
  it('is the socket peer unless proxies are trusted, then the first forwarded address, as Fastify’s request.ip', () => {
    expect(clientAddress(requestFrom('10.0.0.5', '203.0.113.9'), false)).toBe('10.0.0.5');
    expect(clientAddress(requestFrom('10.0.0.5'), true)).toBe('10.0.0.5');
    expect(clientAddress(requestFrom('10.0.0.5', '203.0.113.9'), true)).toBe('203.0.113.9');
    expect(clientAddress(requestFrom('10.0.0.5', ' 203.0.113.9 , 10.0.0.2,10.0.0.3'), true)).toBe('203.0.113.9');
    expect(clientAddress(requestFrom('10.0.0.5', ''), true)).toBe('');
  });
});

describe('HotReads.learn', () => {
  it('remembers at most maxUrls URLs, starting again when full', () => {
    const entry = cachedJsonOf('{}', { isHit: true });
    const hot = new HotReads({
      securityHeaders: {},
      takeRead: () => 0,
      ipOf: () => '',
      isOpen: () => true,
      authenticate: async () => null,
      heldAuth: () => undefined,
      log: { isLevelEnabled: () => false } as never,
      maxUrls: 2,
    });
    hot.learn('/a', () => entry);
    hot.learn('/b', () => entry);
    hot.learn('/a', () => entry);
    expect(hot.size).toBe(2);
    hot.learn('/c', () => entry);
    expect(hot.size).toBe(1);
  });
});
