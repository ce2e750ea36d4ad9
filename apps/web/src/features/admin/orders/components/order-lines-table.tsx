import type { TAdminOrder } from '@mercato/shared';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../../../../components/ui/table.js';
import { formatMoney } from '../../../../lib/format-money.js';

/** The order's lines as sold (snapshot prices and each line's share of the discount), then the totals. */
export function OrderLinesTable({ order }: { order: TAdminOrder }) {
  const money = (amount: number) => formatMoney(amount, order.currency);
  const totals: [string, string][] = [
    ['Subtotal', money(order.subtotal)],
    [
      `Discount${order.couponCode ? ` (${order.couponCode})` : ''}`,
      order.discount > 0 ? `−${money(order.discount)}` : '—',
    ],
    ['Shipping', order.shipping === 0 ? 'Free' : money(order.shipping)],
    ['Total', money(order.total)],
  ];
  return (
    <Table caption="Items">
      <TableHead>
        <tr>
          <TableHeaderCell>Product</TableHeaderCell>
          <TableHeaderCell className="text-right">Unit price</TableHeaderCell>
          <TableHeaderCell className="text-right">Quantity</TableHeaderCell>
          <TableHeaderCell className="text-right">Line total</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {order.lines.map((line) => (
          <TableRow key={line.variantId ?? line.productId}>
            <TableCell>
              {line.name}
              {line.variantTitle !== 'Default' && (
                <span className="block text-sm text-slate-700">{line.variantTitle}</span>
              )}
              {line.sku && <span className="block text-xs text-slate-600">SKU {line.sku}</span>}
            </TableCell>
            <TableCell className="text-right">{money(line.unitPrice)}</TableCell>
            <TableCell className="text-right">{line.quantity}</TableCell>
            <TableCell className="text-right">{money(line.lineTotal)}</TableCell>
          </TableRow>
        ))}
        {totals.map(([label, value]) => (
          <tr key={label} className={label === 'Total' ? 'font-semibold' : undefined}>
            <th scope="row" colSpan={3} className="px-4 py-2 text-right font-medium text-slate-700">
              {label}
            </th>
            <TableCell className="py-2 text-right">{value}</TableCell>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
