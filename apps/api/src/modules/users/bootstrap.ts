import type { UsersRepo } from './repo.js';
import { hashPassword } from '../auth/passwords.js';

export type EnsureAdminResult = 'created' | 'promoted' | 'unchanged';

/**
 * Makes `email` an active admin: creates the account, or promotes an existing one. An existing admin's password
 * is only replaced when `overwritePassword` is set (the explicit `admin:create` command), never from stale env.
 */
export async function ensureAdmin(
  users: UsersRepo,
  input: { email: string; password: string; name?: string; overwritePassword: boolean },
  bcryptCost: number,
): Promise<EnsureAdminResult> {
  const email = input.email.trim().toLowerCase();
  const existing = await users.findByEmail(email);
  if (!existing) {
    const now = new Date();
    const created = await users.insert({
      email,
      name: input.name ?? 'Shop admin',
      passwordHash: await hashPassword(input.password, bcryptCost),
      role: 'admin',
      status: 'active',
      createdAt: now,
      updatedAt: now,
      verifiedAt: now,
    });
    if (created) return 'created';
    return ensureAdmin(users, input, bcryptCost); // lost a race with a concurrent insert: retry as an update
  }
  let result: EnsureAdminResult = 'unchanged';
  if (existing.role !== 'admin') {
    await users.setRole(existing._id, 'admin');
    result = 'promoted';
  }
  if (existing.status === 'pending') await users.activate(existing._id);
  if (input.overwritePassword) await users.setPassword(existing._id, await hashPassword(input.password, bcryptCost));
  return result;
}
