import { pageInfo, type TAdminUser } from '@mercato/shared';
import { ObjectId } from 'mongodb';
import { AppError, notFound } from '../../lib/app-error.js';
import type { Actor, AuditLog } from '../audit/repo.js';
import type { SessionsRepo } from '../auth/sessions-repo.js';
import { changeAccess } from './change-access.js';
import type { AdminFields, UserDoc, UsersRepo } from './repo.js';

export function toAdminUser(user: UserDoc): TAdminUser {
  return {
    id: user._id.toHexString(),
    email: user.email,
    name: user.name,
    role: user.role,
    status: user.status,
    createdAt: user.createdAt.toISOString(),
  };
}

/**
 * User management for staff. A role change or a disable ends the user's sessions at once (their access tokens carry
 * the old role). Admins cannot demote or disable themselves, and a change that would leave no active admin is
 * refused (LAST_ADMIN), also when two admins demote or disable each other at the same moment.
 */
export function createAdminUsers(deps: { users: UsersRepo; sessions: SessionsRepo; audit: AuditLog }) {
  return {
    async list(query: {
      page: number;
      pageSize: number;
      q?: string | undefined;
      role?: UserDoc['role'] | undefined;
      status?: UserDoc['status'] | undefined;
    }) {
      const { items, total } = await deps.users.page(query, query.page, query.pageSize);
      return { items: items.map(toAdminUser), pageInfo: pageInfo(query.page, query.pageSize, total) };
    },

    async update(
      id: string,
      patch: { role?: UserDoc['role'] | undefined; status?: 'active' | 'disabled' | undefined },
      actor: Actor,
    ): Promise<TAdminUser> {
      const user = await deps.users.findById(new ObjectId(id));
      if (!user) throw notFound('User');
      if (user._id.toHexString() === actor.id)
        throw new AppError('FORBIDDEN', 'You cannot change your own role or status; ask another admin.');
      const set: AdminFields = {};
      if (patch.role !== undefined) set.role = patch.role;
      if (patch.status !== undefined) set.status = patch.status;
      // Read and written in one transaction: a demotion or disable that would leave no active admin is refused even
      // when another admin is being removed at the same moment.
      const changed = await changeAccess(deps.users, user._id, set);
      if (!changed) throw notFound('User');
      const { before, after: updated } = changed;
      if (updated.role !== before.role || updated.status !== before.status)
        await deps.sessions.revokeAllForUser(user._id, 'role or status changed by staff');
      await deps.audit.record({
        actor,
        action: 'user.update',
        entity: { type: 'user', id },
        before: { role: before.role, status: before.status },
        after: { role: updated.role, status: updated.status },
      });
      return toAdminUser(updated);
    },
  };
}
