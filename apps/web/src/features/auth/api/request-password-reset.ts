import { ZAcceptedResponseSchema } from '@mercato/shared';
import { useMutation } from '@tanstack/react-query';
import { authFetch } from './auth-fetch.js';

/** `POST /api/auth/password/forgot`: always 202, so the page cannot reveal whether the email has an account. */
export async function requestPasswordReset(email: string): Promise<void> {
  await authFetch('/api/auth/password/forgot', { method: 'POST', body: { email }, schema: ZAcceptedResponseSchema });
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}
