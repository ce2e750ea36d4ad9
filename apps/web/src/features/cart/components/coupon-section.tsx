import type { TCart } from '@mercato/shared';
import { Link } from 'react-router';
import type { TCartOwner } from '../stores/cart-owner-store.js';
import { AppliedCoupon } from './applied-coupon.js';
import { CouponForm } from './coupon-form.js';

/** Discount codes belong to accounts (per-customer limits), so guests are invited to sign in first. */
export function CouponSection({ cart, owner }: { cart: TCart; owner: TCartOwner }) {
  if (owner !== 'user') {
    return (
      <p className="text-sm text-slate-700">
        Have a discount code?{' '}
        <Link to="/login?next=%2Fcart" className="font-medium text-brand-700 underline">
          Sign in
        </Link>{' '}
        to use it.
      </p>
    );
  }
  if (cart.coupon) return <AppliedCoupon cart={{ ...cart, coupon: cart.coupon }} />;
  return <CouponForm />;
}
