import type { TAdminUser } from '@mercato/shared';

/** What staff can do to an account: change its role, or disable / re-enable it. */
export type TUserAction = 'promote' | 'demote' | 'disable' | 'enable';

export interface UserActionCopy {
  /** The row's button. */
  label: string;
  /** The confirmation dialog; absent for actions that need no confirmation (re-enabling). */
  confirm?: { title: string; description: string; button: string; isDanger: boolean };
  /** The toast once done. */
  done: string;
}

/**
 * The actions offered for `user`: a role change and a status change. None on the signed-in admin's own account
 * (the API refuses it with 403, so a shop cannot lock out its last admin by accident).
 */
export function userActionsFor(
  user: Pick<TAdminUser, 'id' | 'role' | 'status'>,
  currentUserId?: string,
): TUserAction[] {
  if (currentUserId === undefined || user.id === currentUserId) return [];
  return [user.role === 'admin' ? 'demote' : 'promote', user.status === 'disabled' ? 'enable' : 'disable'];
}

/**
 * Whether staff may erase `user` from this screen: any account but their own (the API refuses that; it is done
 * from the account's Privacy page). Nothing while who is signed in is not known yet.
 */
export function canEraseUser(user: Pick<TAdminUser, 'id'>, currentUserId?: string): boolean {
  return currentUserId !== undefined && user.id !== currentUserId;
}

/** The PATCH body of an action. */
export function patchFor(action: TUserAction): { role?: TAdminUser['role']; status?: 'active' | 'disabled' } {
  switch (action) {
    case 'promote':
      return { role: 'admin' };
    case 'demote':
      return { role: 'customer' };
    case 'disable':
      return { status: 'disabled' };
    case 'enable':
      return { status: 'active' };
  }
}

/** Button, confirmation and toast wording for an action on `user`. */
export function describeUserAction(action: TUserAction, user: Pick<TAdminUser, 'name' | 'email'>): UserActionCopy {
  const who = user.name || user.email;
  const signedOut = 'They are signed out on every device';
  switch (action) {
    case 'promote':
      return {
        label: 'Make admin',
        confirm: {
          title: `Make ${who} an admin?`,
          description: `${user.email} will manage products, orders, coupons and users. ${signedOut} and get admin access when they sign in again.`,
          button: 'Make admin',
          isDanger: false,
        },
        done: `${who} is now an admin`,
      };
    case 'demote':
      return {
        label: 'Remove admin',
        confirm: {
          title: `Remove admin access from ${who}?`,
          description: `${user.email} becomes a customer. ${signedOut}.`,
          button: 'Remove admin access',
          isDanger: true,
        },
        done: `${who} is now a customer`,
      };
    case 'disable':
      return {
        label: 'Disable',
        confirm: {
          title: `Disable ${who}'s account?`,
          description: `${signedOut} and cannot sign in until the account is enabled again. Their orders are kept.`,
          button: 'Disable account',
          isDanger: true,
        },
        done: `${who}'s account is disabled`,
      };
    case 'enable':
      return { label: 'Enable', done: `${who}'s account is enabled again` };
  }
}

/** "3 orders anonymised, 1 email deleted": what an erasure did, for the toast. */
export function describeErasure(result: { ordersAnonymised: number; emailsDeleted: number }): string {
  const orders = `${result.ordersAnonymised} ${result.ordersAnonymised === 1 ? 'order' : 'orders'} anonymised`;
  const emails = `${result.emailsDeleted} ${result.emailsDeleted === 1 ? 'email' : 'emails'} deleted`;
  return `${orders}, ${emails}.`;
}
