import type { TAdminUser } from '@mercato/shared';
import { Badge } from '../../../../components/ui/badge.js';
import { Button } from '../../../../components/ui/button.js';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../../../../components/ui/table.js';
import { canEraseUser, describeUserAction, userActionsFor, type TUserAction } from '../lib/user-actions.js';
import { UserRoleBadge, UserStatusBadge } from './user-badges.js';

const joined = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export interface UsersTableProps {
  users: readonly TAdminUser[];
  /** The signed-in admin: their own row offers no actions (the API refuses them). */
  currentUserId: string | undefined;
  /** The change being saved, if any: its button spins and the others wait. */
  busy: { id: string; action: TUserAction } | null;
  onAction: (user: TAdminUser, action: TUserAction) => void;
  /** Opens the erase dialog for `user` (never offered on the signed-in admin's own row). */
  onErase: (user: TAdminUser) => void;
}

/**
 * Accounts with role, status and sign-up date; each other account can be promoted, demoted, disabled or enabled,
 * and erased.
 */
export function UsersTable({ users, currentUserId, busy, onAction, onErase }: UsersTableProps) {
  return (
    <Table caption="Users" hideCaption>
      <TableHead>
        <tr>
          <TableHeaderCell>User</TableHeaderCell>
          <TableHeaderCell>Role</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Joined</TableHeaderCell>
          <TableHeaderCell>
            <span className="sr-only">Actions</span>
          </TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {users.map((user) => {
          const actions = userActionsFor(user, currentUserId);
          const isSelf = user.id === currentUserId;
          return (
            <TableRow key={user.id}>
              <TableCell>
                <div className="flex min-w-0 flex-col">
                  <span className="flex items-center gap-2 font-medium text-slate-900">
                    {user.name || '—'}
                    {isSelf && <Badge>You</Badge>}
                  </span>
                  <span className="break-all text-slate-600">{user.email}</span>
                </div>
              </TableCell>
              <TableCell>
                <UserRoleBadge role={user.role} />
              </TableCell>
              <TableCell>
                <UserStatusBadge status={user.status} />
              </TableCell>
              <TableCell className="whitespace-nowrap">{joined.format(new Date(user.createdAt))}</TableCell>
              <TableCell>
                <div className="flex justify-end gap-1">
                  {isSelf && <span className="text-xs text-slate-600">Another admin can change your account</span>}
                  {actions.map((action, slot) => (
                    <Button
                      // Keyed by slot (role, status), not action: the button keeps focus when its label flips.
                      key={slot}
                      size="sm"
                      variant="ghost"
                      disabled={busy !== null}
                      isLoading={busy?.id === user.id && busy.action === action}
                      onClick={() => onAction(user, action)}
                    >
                      {describeUserAction(action, user).label}
                      <span className="sr-only"> {user.email}</span>
                    </Button>
                  ))}
                  {canEraseUser(user, currentUserId) && (
                    <Button
                      size="sm"
                      variant="ghost"
                      className="text-red-700 hover:bg-red-50 hover:text-red-800"
                      disabled={busy !== null}
                      onClick={() => onErase(user)}
                    >
                      Erase
                      <span className="sr-only"> {user.email}</span>
                    </Button>
                  )}
                </div>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
