import type { TSession } from '@mercato/shared';
import { describe, expect, it } from 'vitest';
import { describeUserAgent, formatDate, formatRelativeTime, sortSessions } from './describe-session.js';

const UA = {
  chromeLinux: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
  headless:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
  firefoxMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:130.0) Gecko/20100101 Firefox/130.0',
  chromeAndroid:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36',
};

describe('describeUserAgent', () => {
  it.each([
    [UA.chromeLinux, 'Chrome on Linux'],
    [UA.headless, 'Chrome on Linux'],
    [UA.edgeWindows, 'Edge on Windows'],
    [UA.safariIphone, 'Safari on iPhone'],
    [UA.firefoxMac, 'Firefox on macOS'],
    [UA.chromeAndroid, 'Chrome on Android'],
  ])('when the user agent is a known browser, then it reads "browser on system" (%#)', (userAgent, expected) => {
    expect(describeUserAgent(userAgent)).toBe(expected);
  });

  it('when the user agent is empty or "unknown", then it reads "Unknown device"', () => {
    expect(describeUserAgent('')).toBe('Unknown device');
    expect(describeUserAgent('unknown')).toBe('Unknown device');
  });

  it('when the client is not a browser, then its own (shortened) name is shown', () => {
    expect(describeUserAgent('curl/8.5.0')).toBe('curl/8.5.0');
    expect(describeUserAgent(`my-script/${'x'.repeat(60)}`)).toHaveLength(40);
  });
});

describe('formatRelativeTime', () => {
  const now = new Date('2026-03-12T12:00:00Z');

  it.each([
    ['2026-03-12T11:59:30Z', 'just now'],
    ['2026-03-12T11:55:00Z', '5 minutes ago'],
    ['2026-03-12T09:00:00Z', '3 hours ago'],
    ['2026-03-11T12:00:00Z', 'yesterday'],
    ['2026-02-20T12:00:00Z', '3 weeks ago'],
    ['2026-04-11T12:00:00Z', 'next month'],
  ])('when the time is %s, then it reads "%s"', (iso, expected) => {
    expect(formatRelativeTime(iso, now, 'en')).toBe(expected);
  });
});

describe('formatDate', () => {
  it('when a date is formatted for a locale, then it uses that locale’s medium style', () => {
    expect(formatDate('2026-03-12T12:00:00Z', 'en-GB')).toBe('12 Mar 2026');
  });
});

describe('sortSessions', () => {
  const session = (id: string, lastUsedAt: string, isCurrent = false): TSession => ({
    id,
    createdAt: '2026-01-01T00:00:00Z',
    lastUsedAt,
    expiresAt: '2026-06-01T00:00:00Z',
    userAgent: 'x',
    ip: '127.0.0.1',
    isCurrent,
  });

  it('when sessions are listed, then this device comes first and the rest are newest first', () => {
    const sorted = sortSessions([
      session('old', '2026-03-01T00:00:00Z'),
      session('current', '2026-02-01T00:00:00Z', true),
      session('new', '2026-03-10T00:00:00Z'),
    ]);

    expect(sorted.map((item) => item.id)).toEqual(['current', 'new', 'old']);
  });
});
