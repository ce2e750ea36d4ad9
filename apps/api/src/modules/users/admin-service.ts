import { pageInfo, type TAdminUser } from '@mercato/shared';
import { ObjectId } from 'mongodb';
import { AppError, notFound } from '../../lib/app-error.js';
import type { Actor, AuditLog } from '../audit/repo.js';
import type { SessionsRepo } from '../auth/sessions-repo.js';
import type { UserDoc, UsersRepo } from './repo.js';

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
 * the old role). Admins cannot demote or disable themselves, so a shop can never lock out its last admin by accident.
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
      const set: Partial<UserDoc> = {};
      if (patch.role !== undefined) set.role = patch.role;
      if (patch.status !== undefined) set.status = patch.status;
      const updated = await deps.users.updateAdminFields(user._id, set);
      if (!updated) throw notFound('User');
      if (updated.role !== user.role || updated.status !== user.status)
        await deps.sessions.revokeAllForUser(user._id, 'role or status changed by staff');
      await deps.audit.record({
        actor,
        action: 'user.update',
        entity: { type: 'user', id },
        before: { role: user.role, status: user.status },
        after: { role: updated.role, status: updated.status },
      });
      return toAdminUser(updated);
    },
  };
}
