import { ZSignupResponseSchema, type TSignupRequest } from '@mercato/shared';
import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { authFetch } from './auth-fetch.js';

export type TSignupResponse = z.infer<typeof ZSignupResponseSchema>;

/**
 * `POST /api/auth/signup`: always 202 "verification sent", whether or not the email already has an account (the
 * owner of an existing account gets a different email), so the page cannot reveal who is a customer.
 */
export function signUp(body: TSignupRequest): Promise<TSignupResponse> {
  return authFetch('/api/auth/signup', { method: 'POST', body, schema: ZSignupResponseSchema });
}

export function useSignUp() {
  return useMutation({ mutationFn: signUp });
}
