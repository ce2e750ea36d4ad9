import type { TEraseResult } from '@mercato/shared';
import type { ObjectId } from 'mongodb';
import { notFound } from '../../lib/app-error.js';
import type { Actor } from '../audit/repo.js';
import { closePendingCheckout } from '../checkout/close-checkout.js';
import { changeAccess, deleteAccount } from '../users/change-access.js';
import { ANONYMOUS_CONTACT, anonymousAddress, sealOrderAddress, sealOrderContact } from '../orders/contact.js';
import type { OrderDoc } from '../orders/model.js';
import type { PrivacyDeps } from './deps.js';

export interface ErasureRequest {
  actor: Actor;
  reason: string;
  /** True when the person erases their own account (from the Privacy page). */
  isSelf: boolean;
}

/**
 * Erases a person (GDPR art. 17). Sessions end first, so nothing the person or a thief holds works a moment longer;
 * an open checkout is closed (its stock and coupon released); what exists only because of the person goes (cart,
 * notifications, personal codes, tokens, consents, emails sent to them, the account); orders stay for accounting
 * with the person replaced: amounts, lines, dates and the pseudonymous user id keep analytics unchanged.
 * Every step is idempotent, so a failed run is finished by running it again.
 */
export async function eraseUser(deps: PrivacyDeps, userId: ObjectId, request: ErasureRequest): Promise<TEraseResult> {
  // Every account is disabled through the last-admin guard, which reads it inside its transaction: one that is (or
  // has just become) an active admin leaves the active admins in one atomic step (count and write together), so two
  // admins erasing each other at once cannot both pass. Disabled, the account also cannot sign in while the rest runs.
  const user = (await disableGuarded(deps, userId)).before;

  await deps.sessions.deleteAllForUser(userId);
  await deps.tokens.deleteAllForUser(userId);
  const orders = await deps.orders.listForUser(userId);
  for (const order of orders.filter((candidate) => candidate.status === 'pending_payment'))
    await closePendingCheckout(deps.commerce, order, 'Account erased', 'system');

  await deps.carts.deleteForUser(userId);
  await deps.notifications.deleteForUser(userId);
  await deps.coupons.deletePersonal(userId);
  await deps.consents.deleteForUser(userId);
  let ordersAnonymised = 0;
  for (const order of orders) if (await anonymiseOrder(deps, order)) ordersAnonymised += 1;
  const emailsDeleted = await deps.mail.deleteTo(user.email);
  await deps.audit.scrubActor(userId.toHexString());
  // Nothing that identifies the person: the record says an erasure happened, by whom and why.
  const record = (action: string) =>
    deps.audit.record({
      actor: request.actor,
      action,
      entity: { type: 'user', id: userId.toHexString() },
      before: { role: user.role, status: user.status },
      after: { reason: request.reason, self: request.isSelf, ordersAnonymised, emailsDeleted },
    });
  try {
    // Through the guard again: staff may have promoted or re-enabled the account since it was disabled above.
    await deleteAccount(deps.users, userId);
  } catch (error) {
    // Made the only active admin meanwhile: the data above is gone, the account stays. The log
    // says so, as the answer does.
    await record('user.erase.incomplete');
    throw error;
  }
  // A sign-in that slipped in while this ran would hold a session for nobody: end it too.
  await deps.sessions.deleteAllForUser(userId);

  await record('user.erase');
  return { erased: true, ordersAnonymised, emailsDeleted };
}

async function disableGuarded(deps: PrivacyDeps, userId: ObjectId) {
  const changed = await changeAccess(deps.users, userId, { status: 'disabled' });
  if (!changed) throw notFound('User');
  return changed;
}

/** Replaces the person in an order (name, email, address, phone); the country stays, it is kept for reporting. */
export async function anonymiseOrder(
  deps: Pick<PrivacyDeps, 'orders' | 'personal'>,
  order: OrderDoc,
): Promise<boolean> {
  if (order.anonymisedAt) return false;
  const updated = await deps.orders.update(
    { _id: order._id, anonymisedAt: { $exists: false } },
    {
      $set: {
        customer: sealOrderContact(deps.personal, order._id, ANONYMOUS_CONTACT).customer,
        shippingAddress: sealOrderAddress(
          deps.personal,
          order._id,
          anonymousAddress(order.shippingCountry as Parameters<typeof anonymousAddress>[0]),
        ),
        anonymisedAt: new Date(),
      },
      $unset: { emailIndex: '' },
    },
  );
  return updated !== null;
}
