import type { TCart } from '@mercato/shared';
import { Button } from '../../../components/ui/button.js';
import { formatMoney } from '../../../lib/format-money.js';
import { useRemoveCoupon } from '../api/remove-coupon.js';

/** The code on the cart, what it takes off, and why it gives nothing right now (expired, below minimum…). */
export function AppliedCoupon({ cart }: { cart: TCart & { coupon: NonNullable<TCart['coupon']> } }) {
  const remove = useRemoveCoupon();
  const { coupon, couponProblem } = cart;
  return (
    <div className="flex flex-col gap-2 rounded-md border border-slate-200 p-3">
      <div className="flex items-start justify-between gap-3">
        <div className="flex flex-col text-sm">
          <p>
            Code <span className="font-mono font-semibold">{coupon.code}</span>
            {cart.discount > 0 && (
              <span className="text-green-800"> saves {formatMoney(cart.discount, cart.currency)}</span>
            )}
          </p>
          {coupon.description && <p className="text-slate-600">{coupon.description}</p>}
        </div>
        <Button variant="ghost" size="sm" isLoading={remove.isPending} onClick={() => remove.mutate()}>
          Remove<span className="sr-only"> code {coupon.code}</span>
        </Button>
      </div>
      {couponProblem && <p className="rounded bg-amber-50 px-2 py-1 text-sm text-amber-900">{couponProblem.message}</p>}
      {remove.isError && (
        <p role="alert" className="text-sm text-red-700">
          {remove.error.message}
        </p>
      )}
    </div>
  );
}
