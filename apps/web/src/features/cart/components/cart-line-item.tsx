import type { TCartLine } from '@mercato/shared';
import { Link } from 'react-router';
import { formatMoney } from '../../../lib/format-money.js';
import { CartLineImage } from './cart-line-image.js';
import { CartLineNotices } from './cart-line-notices.js';
import { CartQuantityControl } from './cart-quantity-control.js';

export interface CartLineItemProps {
  line: TCartLine;
  currency: string;
  isBusy: boolean;
  onQuantityChange: (quantity: number) => void;
  onRemove: () => void;
  /** Called when the product link is followed (the drawer closes itself). */
  onNavigate?: () => void;
}

/** One cart line: thumbnail, name, unit price, notices, quantity control, line total and remove. */
export function CartLineItem({ line, currency, isBusy, onQuantityChange, onRemove, onNavigate }: CartLineItemProps) {
  const money = (amount: number) => formatMoney(amount, currency);
  const variant = line.variantTitle === 'Default' ? null : line.variantTitle;
  // Two sizes of one product are two lines: their controls are named with the size so each name is unique.
  const name = variant ? `${line.name} (${variant})` : line.name;
  return (
    <li className="flex gap-4 py-4" aria-busy={isBusy || undefined}>
      <CartLineImage image={line.image} />
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
          <div className="min-w-0">
            <h3 className="font-medium text-slate-900">
              {line.slug && line.isPurchasable ? (
                <Link to={`/p/${line.slug}`} onClick={onNavigate} className="hover:underline">
                  {line.name}
                </Link>
              ) : (
                line.name
              )}
            </h3>
            {variant && <p className="text-sm text-slate-700">{variant}</p>}
            <p className="text-sm text-slate-600">{money(line.unitPrice)} each</p>
          </div>
          <p className="font-semibold text-slate-900">
            <span className="sr-only">Line total: </span>
            {money(line.lineTotal)}
          </p>
        </div>
        <CartLineNotices line={line} currency={currency} />
        <div className="flex flex-wrap items-center justify-between gap-3">
          {line.isPurchasable ? (
            <CartQuantityControl
              productName={name}
              value={line.quantity}
              available={line.available}
              isDisabled={isBusy}
              onChange={onQuantityChange}
            />
          ) : (
            <span className="text-sm text-slate-600">Quantity: {line.quantity}</span>
          )}
          <button
            type="button"
            disabled={isBusy}
            onClick={onRemove}
            className="rounded px-1 text-sm font-medium text-brand-700 underline-offset-2 hover:underline disabled:opacity-60"
          >
            Remove<span className="sr-only"> {name}</span>
          </button>
        </div>
      </div>
    </li>
  );
}
