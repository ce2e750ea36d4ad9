import type { z } from 'zod';
import type { ZAdminOrderSummarySchema } from '@mercato/shared';
import { Link } from 'react-router';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../../../../components/ui/table.js';
import { formatMoney } from '../../../../lib/format-money.js';
import { AdminOrderStatusBadge } from './admin-order-status-badge.js';

type TAdminOrderSummary = z.infer<typeof ZAdminOrderSummarySchema>;

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Orders with number (link to the detail), date, customer, status, items and total. */
export function OrdersTable({ orders }: { orders: readonly TAdminOrderSummary[] }) {
  return (
    <Table caption="Orders" hideCaption>
      <TableHead>
        <tr>
          <TableHeaderCell>Order</TableHeaderCell>
          <TableHeaderCell>Placed</TableHeaderCell>
          <TableHeaderCell>Customer</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell className="text-right">Items</TableHeaderCell>
          <TableHeaderCell className="text-right">Total</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {orders.map((order) => (
          <TableRow key={order.id}>
            <TableCell>
              <Link to={`/admin/orders/${order.id}`} className="font-medium text-brand-700 hover:underline">
                {order.number}
              </Link>
            </TableCell>
            <TableCell className="whitespace-nowrap">
              <time dateTime={order.createdAt}>{dateTime.format(new Date(order.createdAt))}</time>
            </TableCell>
            <TableCell>
              <div className="flex flex-col">
                <span>{order.customerName}</span>
                <span className="text-slate-600">{order.email}</span>
              </div>
            </TableCell>
            <TableCell>
              <AdminOrderStatusBadge status={order.status} />
            </TableCell>
            <TableCell className="text-right">{order.itemCount}</TableCell>
            <TableCell className="text-right font-medium whitespace-nowrap">
              {formatMoney(order.total, order.currency)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
