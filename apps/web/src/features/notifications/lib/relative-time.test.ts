import { describe, expect, it } from 'vitest';
import { formatRelativeTime, internalPath } from './relative-time.js';

const NOW = Date.parse('2026-03-12T12:00:00Z');

describe('formatRelativeTime', () => {
  it('when the moment is seconds, minutes, hours or days old, then the largest fitting unit is used', () => {
    expect(formatRelativeTime('2026-03-12T11:59:50Z', NOW, 'en')).toBe('just now');
    expect(formatRelativeTime('2026-03-12T11:57:00Z', NOW, 'en')).toBe('3 minutes ago');
    expect(formatRelativeTime('2026-03-12T10:00:00Z', NOW, 'en')).toBe('2 hours ago');
    expect(formatRelativeTime('2026-03-11T12:00:00Z', NOW, 'en')).toBe('yesterday');
  });
});

describe('internalPath', () => {
  it('when a link points inside the site, then it is followed; other origins are not', () => {
    expect(internalPath('/orders/abc')).toBe('/orders/abc');
    expect(internalPath('//evil.example/x')).toBeNull();
    expect(internalPath('https://evil.example')).toBeNull();
    expect(internalPath(null)).toBeNull();
  });
});
