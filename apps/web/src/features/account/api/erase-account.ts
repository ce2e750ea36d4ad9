import { ZEraseResultSchema, type TEraseResult } from '@mercato/shared';
import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';

/**
 * `POST /api/account/erase`: deletes the signed-in account (orders stay, anonymised). Every session of the user
 * ends at once and the refresh cookie is cleared; a wrong password is a field error on `body.password`, the shop's
 * only admin is refused with `LAST_ADMIN`.
 */
export function eraseAccount(body: { password: string }): Promise<TEraseResult> {
  return apiFetch('/api/account/erase', { method: 'POST', body, schema: ZEraseResultSchema });
}

export function useEraseAccount() {
  return useMutation({ mutationFn: eraseAccount });
}
