import { useMutation } from '@tanstack/react-query';
import { dropSession } from '../session/session-controller.js';
import { authFetch } from './auth-fetch.js';

/** `POST /api/auth/password/reset` (204): sets the new password and ends every session of the account. */
export function resetPassword(body: { token: string; password: string }): Promise<void> {
  return authFetch('/api/auth/password/reset', { method: 'POST', body });
}

/** Resets the password; any session this browser had is over too, so it is dropped locally. */
export function useResetPassword() {
  return useMutation({ mutationFn: resetPassword, onSuccess: () => dropSession() });
}
