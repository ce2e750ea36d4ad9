import { authFetch } from './auth-fetch.js';

/** `POST /api/auth/logout`: ends this session on the server and clears the refresh cookie. */
export function logOut(): Promise<void> {
  return authFetch('/api/auth/logout', { method: 'POST' });
}
