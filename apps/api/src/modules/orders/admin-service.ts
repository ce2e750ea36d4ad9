import { pageInfo } from '@mercato/shared';
import { ObjectId, type Filter } from 'mongodb';
import { AppError, notFound } from '../../lib/app-error.js';
import type { Actor } from '../audit/repo.js';
import { cancelPendingCheckout } from '../checkout/cancel.js';
import type { CommerceDeps } from '../checkout/deps.js';
import { applyPaidEffects, fulfilCheckoutSession } from '../checkout/fulfil.js';
import { openOrderContact } from './contact.js';
import { toAdminOrder, toOrderSummary } from './dto.js';
import { shippedEmail } from './emails.js';
import type { OrderDoc } from './model.js';
import { refundOrder } from './refunds.js';
import { canTransition } from './status.js';
import { holdLinesOf } from '../inventory/holds.js';

export interface AdminOrderQuery {
  page: number;
  pageSize: number;
  status?: OrderDoc['status'] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  customerId?: string | undefined;
}

/** Order management for staff: every status change goes through the transition table and the audit log. */
export function createAdminOrders(deps: CommerceDeps) {
  const load = async (id: string) => {
    const order = await deps.orders.findById(new ObjectId(id));
    if (!order) throw notFound('Order');
    return order;
  };
  const audit = (actor: Actor, action: string, order: OrderDoc, after: unknown) =>
    deps.audit.record({
      actor,
      action,
      entity: { type: 'order', id: order._id.toHexString() },
      before: { status: order.status },
      after,
    });

  /** A paid order that cost nothing (a 100% code, free shipping): there is no money to return, only the stock. */
  async function cancelUnchargedOrder(order: OrderDoc, reason: string, actor: Actor) {
    // Units still held after a crash mid-fulfilment are committed first, so the restock below moves them back once.
    if (order.stockState !== 'committed') await applyPaidEffects(deps, order);
    const cancelled = await deps.orders.transition(order._id, ['paid'], 'cancelled', {
      note: `Cancelled by staff: ${reason} (nothing was charged; restocked)`,
      actor: actor.email,
    });
    if (!cancelled) throw new AppError('CONFLICT', 'The order changed meanwhile; reload and try again.');
    await deps.holds.restock(holdLinesOf(cancelled));
    await audit(actor, 'order.cancel', order, { status: cancelled.status, restocked: true });
    return toAdminOrder(cancelled, deps.personal);
  }

  return {
    async list(query: AdminOrderQuery) {
      const filter: Filter<OrderDoc> = {};
      if (query.status) filter.status = query.status;
      if (query.customerId) filter.userId = new ObjectId(query.customerId);
      if (query.from || query.to)
        filter.createdAt = {
          ...(query.from ? { $gte: new Date(query.from) } : {}),
          ...(query.to ? { $lt: new Date(query.to) } : {}),
        };
      if (query.q) {
        // Emails are sealed: staff find a shopper's orders by the exact address, through its blind index.
        const term = query.q.trim();
        if (/^m-?\d+$/i.test(term)) filter.number = term.toUpperCase().replace(/^M(\d)/, 'M-$1');
        else filter.emailIndex = deps.personal.blindIndex('email', term);
      }
      const { items, total } = await deps.orders.page(filter, query.page, query.pageSize);
      return {
        items: items.map((order) => ({
          ...toOrderSummary(order),
          ...contactColumns(openOrderContact(deps.personal, order)),
        })),
        pageInfo: pageInfo(query.page, query.pageSize, total),
      };
    },

    async get(id: string) {
      return toAdminOrder(await load(id), deps.personal);
    },

    /** shipped / delivered, as the table allows; the shopper is emailed and notified when it ships. */
    async changeStatus(id: string, status: 'shipped' | 'delivered', note: string | undefined, actor: Actor) {
      const order = await load(id);
      if (!canTransition(order.status, status))
        throw new AppError(
          'INVALID_TRANSITION',
          `An order that is ${order.status.replace('_', ' ')} cannot become ${status}.`,
        );
      const updated = await deps.orders.transition(order._id, [order.status], status, {
        note: note ? `Marked ${status}: ${note}` : `Marked ${status}`,
        actor: actor.email,
      });
      if (!updated) throw new AppError('CONFLICT', 'The order changed meanwhile; reload and try again.');
      await audit(actor, `order.${status}`, order, { status });
      if (status === 'shipped') {
        await deps.mailer.send(
          shippedEmail(
            { storeName: deps.config.STORE_NAME, publicUrl: deps.config.PUBLIC_URL },
            updated,
            openOrderContact(deps.personal, updated),
            note,
          ),
        );
        await deps.notifications.create({
          userId: updated.userId,
          type: 'order.shipped',
          title: `Order ${updated.number} shipped`,
          body: 'Your order is on its way.',
          link: `/orders/${id}`,
          dedupeKey: `order.shipped:${id}`,
        });
      }
      return toAdminOrder(updated, deps.personal);
    },

    /**
     * Cancels an order. Unpaid: the payment page is closed first (if the shopper paid in the meantime, the order is
     * fulfilled instead and cannot be cancelled this way). Paid: everything is refunded and every unit restocked.
     */
    async cancel(id: string, reason: string, actor: Actor) {
      const order = await load(id);
      if (order.status === 'pending_payment') {
        if (order.payment.checkoutSessionId) {
          await deps.stripe.checkout.sessions.expire(order.payment.checkoutSessionId).catch(() => undefined);
          const synced = await fulfilCheckoutSession(deps, order.payment.checkoutSessionId);
          if (synced.status !== 'pending_payment' && synced.status !== 'cancelled') {
            throw new AppError('INVALID_TRANSITION', 'The shopper has just paid for this order; refund it instead.');
          }
        }
        const cancelled = await cancelPendingCheckout(deps, order, `Cancelled by staff: ${reason}`, actor.email);
        await audit(actor, 'order.cancel', order, { status: cancelled?.status });
        return toAdminOrder(cancelled ?? order, deps.personal);
      }
      if (order.status !== 'paid')
        throw new AppError(
          'INVALID_TRANSITION',
          `An order that is ${order.status.replace('_', ' ')} cannot be cancelled; refund it instead.`,
        );
      if (order.payment.amountPaid === 0) return cancelUnchargedOrder(order, reason, actor);
      const cancelled = await refundOrder(
        deps,
        order._id,
        { restock: true, reason, idempotencyKey: `cancel-${order._id.toHexString()}` },
        actor,
        { cancel: true },
      );
      await audit(actor, 'order.cancel', order, { status: cancelled.status });
      return toAdminOrder(cancelled, deps.personal);
    },

    refund: (id: string, input: Parameters<typeof refundOrder>[2], actor: Actor) =>
      load(id)
        .then((order) => refundOrder(deps, order._id, input, actor))
        .then((order) => toAdminOrder(order, deps.personal)),
  };
}

export type AdminOrders = ReturnType<typeof createAdminOrders>;

function contactColumns(contact: { email: string; name: string }) {
  return { email: contact.email, customerName: contact.name };
}
