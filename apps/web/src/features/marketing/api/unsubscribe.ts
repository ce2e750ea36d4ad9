import { ZUnsubscribeResponseSchema } from '@mercato/shared';
import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '../../../lib/api-client.js';

export type TUnsubscribeResponse = z.infer<typeof ZUnsubscribeResponseSchema>;

/**
 * `POST /api/marketing/unsubscribe`: stops offer emails for the person the signed token in the email link names. No
 * sign-in needed; a bad or foreign token is a field error on `body.token`.
 */
export function unsubscribe(token: string): Promise<TUnsubscribeResponse> {
  return apiFetch('/api/marketing/unsubscribe', {
    method: 'POST',
    body: { token },
    schema: ZUnsubscribeResponseSchema,
  });
}

export function useUnsubscribe() {
  return useMutation({ mutationFn: unsubscribe });
}
