import type { TAccountExport } from '@mercato/shared';
import type { ObjectId } from 'mongodb';
import { AppError } from '../../lib/app-error.js';
import { toUserDto } from '../auth/issue-session.js';
import { openOrderContact } from '../orders/contact.js';
import { toOrder } from '../orders/dto.js';
import type { OrderDoc } from '../orders/model.js';
import type { PrivacyDeps } from './deps.js';

/**
 * Everything the shop holds about one person, decrypted, as one document (GDPR art. 15 and 20). Every query is by
 * the person's own id or, for emails, by their own address: nothing about anyone else can appear.
 */
export async function exportAccount(deps: PrivacyDeps, userId: ObjectId): Promise<TAccountExport> {
  const user = await deps.users.findById(userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in again.');
  const [orders, sessions, notifications, coupons, consents, emails, cart] = await Promise.all([
    deps.orders.listForUser(userId),
    deps.sessions.listAll(userId),
    deps.notifications.listAll(userId),
    deps.coupons.listForOwner(userId),
    deps.consents.listForUser(userId),
    deps.mail.listTo(user.email),
    deps.carts.findExact(userId),
  ]);
  return {
    format: 'mercato.account-export.v1',
    exportedAt: new Date().toISOString(),
    profile: {
      ...toUserDto(user),
      status: user.status,
      verifiedAt: user.verifiedAt?.toISOString() ?? null,
    },
    orders: orders.map((order) => exportOrder(deps, order)),
    sessions: sessions.map((session) => ({
      id: session._id.toHexString(),
      ...deps.sessions.deviceOf(session),
      createdAt: session.createdAt.toISOString(),
      lastUsedAt: session.lastUsedAt.toISOString(),
      expiresAt: session.expiresAt.toISOString(),
      revokedAt: session.revokedAt?.toISOString() ?? null,
    })),
    notifications: notifications.map((notification) => ({
      title: notification.title,
      body: notification.body,
      createdAt: notification.createdAt.toISOString(),
      readAt: notification.readAt?.toISOString() ?? null,
    })),
    personalCoupons: coupons.map((coupon) => ({
      code: coupon.code,
      description: coupon.description,
      type: coupon.type,
      value: coupon.value,
      endsAt: coupon.endsAt?.toISOString() ?? null,
      redeemed: coupon.redeemedCount > 0,
    })),
    consents: consents.map((consent) => ({
      purpose: consent.purpose,
      granted: consent.granted,
      wordingVersion: consent.wordingVersion,
      source: consent.source,
      at: consent.at.toISOString(),
    })),
    emails: emails.map((email) => ({
      subject: email.subject,
      tag: email.tag,
      status: email.status,
      createdAt: email.createdAt.toISOString(),
      sentAt: email.sentAt?.toISOString() ?? null,
      text: email.text,
    })),
    cart: cart
      ? {
          items: cart.items.map((item) => ({ name: item.name, quantity: item.quantity })),
          updatedAt: cart.updatedAt.toISOString(),
        }
      : null,
  };
}

function exportOrder(deps: PrivacyDeps, order: OrderDoc): TAccountExport['orders'][number] {
  const contact = openOrderContact(deps.personal, order);
  // The shopper's own view of the order (its timeline says what happened, not which member of staff did it).
  const { checkoutUrl: _url, ...view } = toOrder(order, deps.personal);
  return {
    ...view,
    email: contact.email,
    customerName: contact.name,
    amountPaid: order.payment.amountPaid,
    refunds: order.refunds.map((refund) => ({
      amount: refund.amount,
      reason: refund.reason,
      createdAt: refund.createdAt.toISOString(),
    })),
  };
}
