// The refresh cookie is httpOnly (scripts cannot see it), so a reload cannot tell whether a session exists without
// asking the API. This flag (never a token) remembers that one probably does: visitors who never signed in make
// no refresh request at all, and the header knows whether to show a skeleton or "Sign in" straight away.
const HINT_KEY = 'mercato.has-session';

export function hasSessionHint(): boolean {
  try {
    return localStorage.getItem(HINT_KEY) === '1';
  } catch {
    return false; // storage disabled: behave as a first visit
  }
}

export function setSessionHint(isSignedIn: boolean): void {
  try {
    if (isSignedIn) localStorage.setItem(HINT_KEY, '1');
    else localStorage.removeItem(HINT_KEY);
  } catch {
    // storage disabled or full: the session still works, it just is not restored on reload
  }
}
