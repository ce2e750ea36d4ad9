import { EmptyState } from '../../../components/ui/empty-state.js';
import { Skeleton } from '../../../components/ui/skeleton.js';
import { useStoreCurrency } from '../../../lib/store-info.js';
import { useAccountCoupons } from '../api/list-account-coupons.js';
import { sortPersonalCoupons } from '../utils/personal-coupon.js';
import { CouponCard } from './coupon-card.js';
import { LoadError } from './load-error.js';

/** The shopper's personal codes (loyalty rewards), usable ones first, each with a copy button. */
export function AccountCoupons() {
  const coupons = useAccountCoupons();
  const currency = useStoreCurrency();

  if (coupons.isPending) {
    return (
      <div aria-busy="true" className="flex flex-col gap-4">
        <span className="sr-only">Loading your coupons…</span>
        <Skeleton className="h-12 w-full" />
      </div>
    );
  }
  if (coupons.isError) return <LoadError message={coupons.error.message} onRetry={() => void coupons.refetch()} />;
  if (coupons.data.length === 0) {
    return (
      <EmptyState
        as="h3"
        title="No coupons yet"
        description="Codes you earn (a thank-you after a large order, for instance) will show up here."
      />
    );
  }
  const now = coupons.dataUpdatedAt;
  return (
    <ul className="divide-y divide-slate-200" aria-label="Your coupons">
      {sortPersonalCoupons(coupons.data, now).map((coupon) => (
        <CouponCard key={coupon.code} coupon={coupon} currency={currency?.currency} now={now} />
      ))}
    </ul>
  );
}
