import { usePersonalCoupons } from '../api/list-personal-coupons.js';

/** The shopper's own codes (loyalty rewards) as one-click chips under the code field. */
export function PersonalCoupons({ isApplying, onApply }: { isApplying: boolean; onApply: (code: string) => void }) {
  const coupons = usePersonalCoupons(true);
  if (!coupons.data || coupons.data.length === 0) return null;
  return (
    <div className="flex flex-col gap-1.5">
      <p className="text-sm font-medium text-slate-800">Your codes</p>
      <ul className="flex flex-wrap gap-2">
        {coupons.data.map((coupon) => (
          <li key={coupon.code}>
            <button
              type="button"
              disabled={isApplying}
              onClick={() => onApply(coupon.code)}
              className="rounded-md border border-dashed border-brand-600 px-2 py-1 text-sm text-brand-800 hover:bg-brand-50 disabled:opacity-60"
            >
              <span className="font-mono font-semibold">{coupon.code}</span>
              {coupon.description && <span className="text-slate-700"> · {coupon.description}</span>}
              <span className="sr-only"> (apply this code)</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
