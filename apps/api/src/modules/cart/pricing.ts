import type { TCart, TCartLine, TCartNotice, TImage } from '@mercato/shared';
import { MAX_LINE_QUANTITY } from '@mercato/shared';
import { createHash } from 'node:crypto';
import type { CouponEvaluation, CouponLine } from '../coupons/evaluate.js';

/** One variant as a cart line needs it (its product's name, slug and category with it). */
export interface PricedProduct {
  id: string;
  variantId: string;
  variantTitle: string;
  sku: string;
  slug: string;
  name: string;
  image: TImage | null;
  price: number;
  stock: number;
  categoryId: string | null;
  isPurchasable: boolean;
}

export interface PricingItem {
  productId: string;
  variantId: string;
  quantity: number;
  seenPrice: number;
  name: string;
  slug: string;
}

export interface PricingSettings {
  currency: string;
  shippingFlatRate: number;
  freeShippingThreshold: number;
}

export interface AppliedCoupon {
  code: string;
  type: 'percent' | 'fixed';
  value: number;
  description: string;
  evaluate: (lines: CouponLine[], subtotal: number) => CouponEvaluation;
}

/**
 * Prices a cart from current product data. Everything a shopper pays is computed here, on the server: line totals,
 * subtotal (purchasable lines only), coupon discount, shipping (flat, free above a threshold on the discounted
 * subtotal) and total. Pure, so every rule is unit-tested.
 */
export function priceCart(
  items: PricingItem[],
  /** By variant id. */
  products: Map<string, PricedProduct>,
  settings: PricingSettings,
  coupon: AppliedCoupon | null,
  updatedAt: Date | null,
): TCart {
  const couponLines: CouponLine[] = [];
  const lines: TCartLine[] = items.map((item) => {
    const product = products.get(item.variantId);
    const notices: TCartNotice[] = [];
    if (!product || !product.isPurchasable) notices.push({ type: 'unavailable' });
    const unitPrice = product?.price ?? item.seenPrice;
    if (product && product.price !== item.seenPrice)
      notices.push({ type: 'price_changed', previousPrice: item.seenPrice });
    if (product?.isPurchasable && item.quantity > product.stock)
      notices.push({ type: 'insufficient_stock', available: product.stock });
    const isPurchasable = Boolean(product?.isPurchasable);
    const lineTotal = unitPrice * item.quantity;
    if (isPurchasable) couponLines.push({ categoryId: product?.categoryId ?? null, lineTotal });
    return {
      productId: item.productId,
      variantId: item.variantId,
      variantTitle: product?.variantTitle ?? 'Default',
      sku: product?.sku ?? '',
      slug: product?.slug ?? item.slug,
      name: product?.name ?? item.name,
      image: product?.image ?? null,
      unitPrice,
      quantity: item.quantity,
      lineTotal,
      available: product?.isPurchasable ? Math.min(product.stock, MAX_LINE_QUANTITY) : 0,
      isPurchasable,
      notices,
    };
  });

  const subtotal = couponLines.reduce((sum, line) => sum + line.lineTotal, 0);
  const evaluation = coupon && subtotal > 0 ? coupon.evaluate(couponLines, subtotal) : null;
  const discount = evaluation?.ok ? evaluation.discount : 0;
  const discounted = subtotal - discount;
  const shipping = subtotal === 0 || discounted >= settings.freeShippingThreshold ? 0 : settings.shippingFlatRate;
  const total = discounted + shipping;
  const canCheckout =
    lines.length > 0 &&
    lines.every((line) => line.isPurchasable && !line.notices.some((notice) => notice.type === 'insufficient_stock'));
  const appliedCoupon = coupon
    ? { code: coupon.code, type: coupon.type, value: coupon.value, description: coupon.description }
    : null;
  const couponProblem = evaluation && !evaluation.ok ? { code: evaluation.code, message: evaluation.message } : null;

  return {
    lines,
    itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
    currency: settings.currency,
    subtotal,
    discount,
    shipping,
    total,
    freeShippingRemaining:
      subtotal === 0 ? settings.freeShippingThreshold : Math.max(0, settings.freeShippingThreshold - discounted),
    coupon: appliedCoupon,
    couponProblem,
    canCheckout,
    fingerprint: fingerprint(lines, appliedCoupon?.code ?? null, discount, shipping, total, settings.currency),
    updatedAt: updatedAt?.toISOString() ?? null,
  };
}

function fingerprint(
  lines: TCartLine[],
  couponCode: string | null,
  discount: number,
  shipping: number,
  total: number,
  currency: string,
): string {
  const material = JSON.stringify([
    lines.map((line) => [line.productId, line.variantId, line.quantity, line.unitPrice, line.isPurchasable]),
    couponCode,
    discount,
    shipping,
    total,
    currency,
  ]);
  return createHash('sha256').update(material).digest('base64url').slice(0, 22);
}
