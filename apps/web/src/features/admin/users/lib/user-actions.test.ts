import { describe, expect, it } from 'vitest';
import { canEraseUser, describeErasure, describeUserAction, patchFor, userActionsFor } from './user-actions.js';

const customer = {
  id: 'c'.repeat(24),
  role: 'customer',
  status: 'active',
  name: 'Cora',
  email: 'cora@example.com',
} as const;
const admin = { id: 'a'.repeat(24), role: 'admin', status: 'active', name: 'Ada', email: 'ada@example.com' } as const;

describe('user actions', () => {
  it('when another account is shown, then its role and its status can each be changed', () => {
    expect(userActionsFor(customer, admin.id)).toEqual(['promote', 'disable']);
    expect(userActionsFor({ ...admin, status: 'disabled' }, customer.id)).toEqual(['demote', 'enable']);
    expect(userActionsFor({ ...customer, status: 'pending' }, admin.id)).toEqual(['promote', 'disable']);
  });

  it('when the row is the signed-in admin, or who is signed in is not known yet, then nothing is offered', () => {
    expect(userActionsFor(admin, admin.id)).toEqual([]);
    expect(userActionsFor(customer, undefined)).toEqual([]);
  });

  it('when an action is sent, then only the field it changes is in the PATCH body', () => {
    expect(patchFor('promote')).toEqual({ role: 'admin' });
    expect(patchFor('demote')).toEqual({ role: 'customer' });
    expect(patchFor('disable')).toEqual({ status: 'disabled' });
    expect(patchFor('enable')).toEqual({ status: 'active' });
  });

  it('when promote, demote or disable is chosen, then it asks first; re-enabling does not', () => {
    expect(describeUserAction('disable', customer).confirm).toMatchObject({
      title: "Disable Cora's account?",
      isDanger: true,
    });
    expect(describeUserAction('promote', customer).confirm?.isDanger).toBe(false);
    expect(describeUserAction('demote', admin).confirm?.isDanger).toBe(true);
    expect(describeUserAction('enable', customer).confirm).toBeUndefined();
    expect(describeUserAction('enable', { name: '', email: 'x@example.com' }).done).toBe(
      "x@example.com's account is enabled again",
    );
  });

  it('when another account is shown, then it can be erased; the signed-in admin’s own row cannot', () => {
    expect(canEraseUser(customer, admin.id)).toBe(true);
    expect(canEraseUser(admin, customer.id)).toBe(true);
    expect(canEraseUser(admin, admin.id)).toBe(false);
    expect(canEraseUser(customer, undefined)).toBe(false);
  });

  it('when an erasure is done, then the toast says what happened to orders and emails', () => {
    expect(describeErasure({ ordersAnonymised: 1, emailsDeleted: 0 })).toBe('1 order anonymised, 0 emails deleted.');
    expect(describeErasure({ ordersAnonymised: 3, emailsDeleted: 1 })).toBe('3 orders anonymised, 1 email deleted.');
  });
});
