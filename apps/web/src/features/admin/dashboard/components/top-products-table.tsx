import type { TSalesSummary } from '@mercato/shared';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../../../../components/ui/table.js';
import { formatMoney } from '../../../../lib/format-money.js';

/** The best-selling products of the range by revenue (after discounts). */
export function TopProductsTable({ summary }: { summary: TSalesSummary }) {
  if (summary.topProducts.length === 0) return null;
  return (
    <Table caption="Top products">
      <TableHead>
        <tr>
          <TableHeaderCell>Product</TableHeaderCell>
          <TableHeaderCell className="text-right">Units</TableHeaderCell>
          <TableHeaderCell className="text-right">Revenue</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {summary.topProducts.flatMap((product) => [
          <TableRow key={product.productId}>
            <TableCell>{product.name}</TableCell>
            <TableCell className="text-right">{product.quantity}</TableCell>
            <TableCell className="text-right">{formatMoney(product.revenue, summary.currency)}</TableCell>
          </TableRow>,
          // A product sold in several variants: what each size or colour brought in, under it.
          ...(product.variants.length > 1
            ? product.variants.map((variant) => (
                <TableRow key={`${product.productId}:${variant.variantId}`}>
                  <TableCell className="pl-8 text-sm text-slate-600">{variant.title}</TableCell>
                  <TableCell className="text-right text-sm text-slate-600">{variant.quantity}</TableCell>
                  <TableCell className="text-right text-sm text-slate-600">
                    {formatMoney(variant.revenue, summary.currency)}
                  </TableCell>
                </TableRow>
              ))
            : []),
        ])}
      </TableBody>
    </Table>
  );
}
