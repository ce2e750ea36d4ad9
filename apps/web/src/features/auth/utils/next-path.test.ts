import { describe, expect, it } from 'vitest';
import { buildLoginPath, sanitizeNextPath } from './next-path.js';

describe('sanitizeNextPath', () => {
  it.each([
    ['/account', '/account'],
    ['/orders/abc?tab=items#top', '/orders/abc?tab=items#top'],
    ['/checkout', '/checkout'],
    ['/admin/outbox?to=a%40b.c', '/admin/outbox?to=a%40b.c'],
  ])('when next is the same-site path %s, then it is kept', (raw, expected) => {
    expect(sanitizeNextPath(raw)).toBe(expected);
  });

  it.each([
    ['https://evil.example/account'],
    ['//evil.example/account'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    ['javascript:alert(1)'],
    ['account'],
    [''],
    ['/login?next=/account'],
    ['/signup'],
    ['/reset-password?token=x'],
    ['/api/auth/logout'],
    [`/${'a'.repeat(3000)}`],
  ])('when next is %j, then the fallback is used', (raw) => {
    expect(sanitizeNextPath(raw)).toBe('/');
  });

  it('when next is missing, then the given fallback is used', () => {
    expect(sanitizeNextPath(null, '/account')).toBe('/account');
  });

  it('when a dot-segment path climbs above the root, then it is normalised and stays on the site', () => {
    expect(sanitizeNextPath('/../../account')).toBe('/account');
  });
});

describe('buildLoginPath', () => {
  it('when a protected page is visited, then the login path carries it encoded as next', () => {
    const path = buildLoginPath({ pathname: '/orders/42', search: '?page=2', hash: '' });

    expect(path).toBe('/login?next=%2Forders%2F42%3Fpage%3D2');
    expect(sanitizeNextPath(new URLSearchParams(path.split('?')[1]).get('next'))).toBe('/orders/42?page=2');
  });

  it('when the page is the home page or an auth page, then plain /login is returned', () => {
    expect(buildLoginPath({ pathname: '/', search: '', hash: '' })).toBe('/login');
    expect(buildLoginPath({ pathname: '/login', search: '?next=/x', hash: '' })).toBe('/login');
  });
});
