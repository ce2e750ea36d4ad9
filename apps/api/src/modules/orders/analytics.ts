import type { TSalesSummary } from '@mercato/shared';
import type { OrdersRepo } from './repo.js';

const COUNTED = ['paid', 'shipped', 'delivered', 'partially_refunded'];

/**
 * Sales figures for a period, computed from the orders themselves (net of refunds), so they are always consistent
 * with the orders and need no separate counters that could drift or double count.
 */
interface TopProductRow {
  _id: unknown;
  name: string;
  quantity: number;
  revenue: number;
  variants: { variantId: unknown; title: string; sku: string | null; quantity: number; revenue: number }[];
}

export async function salesSummary(
  orders: OrdersRepo,
  currency: string,
  from: Date,
  to: Date,
  timeZone = 'UTC',
): Promise<TSalesSummary> {
  const match = { $match: { paidAt: { $gte: from, $lt: to }, status: { $in: COUNTED } } };
  const [totals, top, daily] = await Promise.all([
    orders.orders
      .aggregate<{ revenue: number; orders: number; customers: string[] }>([
        match,
        {
          $group: {
            _id: null,
            revenue: { $sum: { $subtract: ['$total', '$payment.amountRefunded'] } },
            orders: { $sum: 1 },
            customers: { $addToSet: '$userId' },
          },
        },
      ])
      .toArray(),
    orders.orders
      .aggregate<TopProductRow>([
        match,
        { $unwind: '$lines' },
        // Per variant first (lines from before variants hold the default one, whose id is the product's) …
        {
          $group: {
            _id: { product: '$lines.productId', variant: { $ifNull: ['$lines.variantId', '$lines.productId'] } },
            name: { $last: '$lines.name' },
            title: { $last: { $ifNull: ['$lines.variantTitle', 'Default'] } },
            sku: { $last: { $ifNull: ['$lines.sku', null] } },
            quantity: { $sum: '$lines.quantity' },
            revenue: { $sum: { $subtract: ['$lines.lineTotal', '$lines.discount'] } },
          },
        },
        { $sort: { revenue: -1, quantity: -1 } },
        // … then per product, its variants best first.
        {
          $group: {
            _id: '$_id.product',
            name: { $first: '$name' },
            quantity: { $sum: '$quantity' },
            revenue: { $sum: '$revenue' },
            variants: {
              $push: {
                variantId: '$_id.variant',
                title: '$title',
                sku: '$sku',
                quantity: '$quantity',
                revenue: '$revenue',
              },
            },
          },
        },
        { $sort: { revenue: -1, quantity: -1, _id: 1 } },
        { $limit: 10 },
      ])
      .toArray(),
    orders.orders
      .aggregate<{ _id: string; revenue: number; orders: number }>([
        match,
        {
          $group: {
            _id: { $dateToString: { format: '%Y-%m-%d', date: '$paidAt', timezone: timeZone } },
            revenue: { $sum: { $subtract: ['$total', '$payment.amountRefunded'] } },
            orders: { $sum: 1 },
          },
        },
        { $sort: { _id: 1 } },
      ])
      .toArray(),
  ]);
  const summary = totals[0];
  const revenue = summary?.revenue ?? 0;
  const count = summary?.orders ?? 0;
  const byDay = new Map(daily.map((day) => [day._id, day]));
  const days: TSalesSummary['daily'] = localDays(from, to, timeZone).map((key) => ({
    date: key,
    revenue: byDay.get(key)?.revenue ?? 0,
    orders: byDay.get(key)?.orders ?? 0,
  }));
  return {
    currency,
    revenue,
    orders: count,
    averageOrderValue: count === 0 ? 0 : Math.round(revenue / count),
    customers: summary?.customers.length ?? 0,
    topProducts: top.map((row) => ({
      productId: String(row._id),
      name: row.name,
      quantity: row.quantity,
      revenue: row.revenue,
      variants: row.variants.map((variant) => ({ ...variant, variantId: String(variant.variantId) })),
    })),
    daily: days,
  };
}

/** The calendar days (YYYY-MM-DD in `timeZone`) that [from, to) touches; hour steps handle 23- and 25-hour days. */
export function localDays(from: Date, to: Date, timeZone: string): string[] {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const days = new Set<string>();
  for (let time = from.getTime(); time < to.getTime(); time += 3_600_000) days.add(format.format(new Date(time)));
  days.add(format.format(new Date(to.getTime() - 1)));
  return [...days];
}
