import { ZAuthResponseSchema, type TAuthResponse } from '@mercato/shared';
import { useMutation } from '@tanstack/react-query';
import { completeSignIn } from '../session/session-controller.js';
import { authFetch } from './auth-fetch.js';

/** `POST /api/auth/verify-email`: confirms the address from the signup email and signs the user in. */
export function verifyEmail(token: string): Promise<TAuthResponse> {
  return authFetch('/api/auth/verify-email', { method: 'POST', body: { token }, schema: ZAuthResponseSchema });
}

/** Confirms the email; the token works once, so callers must call `mutate` only once per token. */
export function useVerifyEmail() {
  return useMutation({ mutationFn: verifyEmail, onSuccess: (auth) => completeSignIn(auth, 'email-verified') });
}
