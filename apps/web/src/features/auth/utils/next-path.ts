// `?next=` comes from the URL, so anyone can craft it: only paths inside this site are followed (no open redirect).
const PROBE_ORIGIN = 'https://mercato.invalid';
const MAX_LENGTH = 2048;
/** Pages that make no sense to come back to after signing in (they would show the form again or loop). */
const AUTH_PATHS = new Set(['/login', '/signup', '/verify-email', '/forgot-password', '/reset-password']);

export interface LocationLike {
  pathname: string;
  search: string;
  hash: string;
}

/** The in-app path to go to after signing in, from an untrusted `?next=`; anything else gives `fallback`. */
export function sanitizeNextPath(raw: string | null | undefined, fallback = '/'): string {
  if (!raw || raw.length > MAX_LENGTH) return fallback;
  // `//host` and `/\host` are protocol-relative to browsers; control characters and backslashes get normalised into
  // such forms by the URL parser, so they are refused before parsing.
  if (!raw.startsWith('/') || raw.startsWith('//')) return fallback;
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) return fallback; // eslint-disable-line no-control-regex
  let url: URL;
  try {
    url = new URL(raw, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  if (AUTH_PATHS.has(url.pathname) || url.pathname === '/api' || url.pathname.startsWith('/api/')) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `/login?next=…` for a page the visitor must sign in to see; they come back to it afterwards. */
export function buildLoginPath(location: LocationLike): string {
  const next = sanitizeNextPath(`${location.pathname}${location.search}${location.hash}`, '');
  return next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login';
}
