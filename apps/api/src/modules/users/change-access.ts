import type { ObjectId } from 'mongodb';
import { AppError } from '../../lib/app-error.js';
import type { AdminFields, UserDoc, UsersRepo } from './repo.js';

/**
 * Changes an account's role or status, refusing (409 LAST_ADMIN, nothing changed) when it would leave the shop with
 * no active admin; the check and the write are one guarded transaction (see the repo), so two changes racing each
 * other cannot both pass. Staff edits and erasure both come here. Null when the account does not exist.
 */
export async function changeAccess(
  users: UsersRepo,
  id: ObjectId,
  set: AdminFields,
): Promise<{ before: UserDoc; after: UserDoc } | null> {
  return refuseLastAdmin(await users.updateAdminFieldsUnlessLastAdmin(id, set));
}

/**
 * Deletes an account (erasure) under the same guard: 409 LAST_ADMIN when it is (or has just been made) the only
 * active admin. False when there was no account to delete.
 */
export async function deleteAccount(users: UsersRepo, id: ObjectId): Promise<boolean> {
  return refuseLastAdmin(await users.deleteUnlessLastAdmin(id)) === true;
}

function refuseLastAdmin<T>(result: T | 'last-admin'): T {
  if (result === 'last-admin')
    throw new AppError('LAST_ADMIN', 'This is the shop’s only admin; make another admin first.');
  return result;
}
