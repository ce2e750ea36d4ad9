import type { TOrder } from '@mercato/shared';
import { Link } from 'react-router';
import { formatMoney } from '../../../lib/format-money.js';

/** The order's lines as bought (snapshot prices), with a link back to each product. */
export function OrderLines({ order }: { order: TOrder }) {
  const money = (amount: number) => formatMoney(amount, order.currency);
  return (
    <ul className="divide-y divide-slate-200">
      {order.lines.map((line) => (
        <li key={line.variantId ?? line.productId} className="flex items-center gap-4 py-3">
          {line.imageSrc ? (
            <img
              src={line.imageSrc}
              alt=""
              width={64}
              height={64}
              loading="lazy"
              className="size-16 shrink-0 rounded-md bg-slate-100 object-cover"
            />
          ) : (
            <div aria-hidden="true" className="size-16 shrink-0 rounded-md bg-slate-100" />
          )}
          <div className="flex min-w-0 flex-1 flex-col">
            <Link to={`/p/${line.slug}`} className="font-medium hover:underline">
              {line.name}
            </Link>
            {line.variantTitle !== 'Default' && (
              <span className="text-sm text-slate-700">
                {line.variantTitle}
                {line.sku && <span className="text-slate-600"> · SKU {line.sku}</span>}
              </span>
            )}
            <span className="text-sm text-slate-600">
              {line.quantity} × {money(line.unitPrice)}
            </span>
          </div>
          <span className="font-medium">{money(line.lineTotal)}</span>
        </li>
      ))}
    </ul>
  );
}
