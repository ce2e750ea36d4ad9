import { MAX_LINE_QUANTITY, type TCart, type TGuestCart } from '@mercato/shared';
import { ObjectId } from 'mongodb';
import { AppError } from '../../lib/app-error.js';
import type { Config } from '../../config/load-config.js';
import { toImage } from '../catalog/dto.js';
import type { ProductDoc } from '../catalog/model.js';
import type { ProductsRepo } from '../catalog/products-repo.js';
import type { PricingProduct, StoreCatalog } from '../catalog/store-service.js';
import { evaluateCoupon } from '../coupons/evaluate.js';
import type { CouponDoc } from '../coupons/model.js';
import type { CouponsRepo } from '../coupons/repo.js';
import type { CartDoc, CartItem } from './model.js';
import { createPricedMemo, type PricingInputs } from './priced-memo.js';
import { priceCart, type AppliedCoupon, type PricedProduct, type PricingItem } from './pricing.js';
import type { CartsRepo } from './repo.js';

export interface CartDeps {
  carts: CartsRepo;
  products: ProductsRepo;
  catalog: Pick<StoreCatalog, 'pricingProducts'>;
  coupons: CouponsRepo;
  config: Config;
}

/** Where a cart's facts come from: the shopper and catalog caches to show it, MongoDB itself to check out. */
interface CartSources {
  cart(userId: ObjectId): Promise<CartDoc | null>;
  products(ids: ObjectId[]): Promise<PricingProduct[]>;
  coupon(code: string): Promise<CouponDoc | null>;
  usesBy(couponId: ObjectId, userId: ObjectId): Promise<number>;
}

type CartView = Pick<CartDoc, 'items' | 'couponCode'> & { updatedAt: Date | null };

const toPriced = (product: PricingProduct): PricedProduct => ({
  id: product._id.toHexString(),
  slug: product.slug,
  name: product.name,
  image: product.images[0] ? toImage(product.images[0]) : null,
  price: product.price,
  stock: product.stock,
  categoryId: product.categoryId?.toHexString() ?? null,
  isPurchasable: product.active && !product.archived,
});

const toPricingItem = (item: CartItem): PricingItem => ({
  productId: item.productId.toHexString(),
  quantity: item.quantity,
  seenPrice: item.seenPrice,
  name: item.name,
  slug: item.slug,
});

/**
 * The cart use cases. Prices and stock always come from the products collection (or the cache of it, which every
 * write to it invalidates), never from the client. Showing a cart reads only caches when they are warm; checking
 * out reads MongoDB, so money is decided on the durable record.
 */
export function createCartService(deps: CartDeps) {
  const { carts, products, coupons, config } = deps;
  const cached: CartSources = {
    cart: (userId) => carts.find(userId),
    products: (ids) => deps.catalog.pricingProducts(ids),
    coupon: (code) => coupons.cached.findByCode(code),
    usesBy: (couponId, userId) => coupons.cached.usesBy(couponId, userId),
  };
  const exact: CartSources = {
    cart: (userId) => carts.findExact(userId),
    products: (ids) => products.findByIds(ids),
    coupon: (code) => coupons.findByCode(code),
    usesBy: (couponId, userId) => coupons.usesBy(couponId, userId),
  };
  const settings = {
    currency: config.STORE_CURRENCY,
    shippingFlatRate: config.SHIPPING_FLAT_RATE,
    freeShippingThreshold: config.FREE_SHIPPING_THRESHOLD,
  };

  async function productMap(ids: ObjectId[], source = cached): Promise<Map<string, PricedProduct>> {
    return mapOf(ids.length > 0 ? await source.products(ids) : []);
  }

  const mapOf = (found: readonly PricingProduct[]) =>
    new Map(found.map((product) => [product._id.toHexString(), toPriced(product)]));

  async function inputsOf(cart: CartView, userId: ObjectId | null, source: CartSources): Promise<PricingInputs> {
    const [found, coupon] = await Promise.all([
      cart.items.length > 0 ? source.products(cart.items.map((item) => item.productId)) : [],
      cart.couponCode ? source.coupon(cart.couponCode) : null,
    ]);
    const usesByCustomer = coupon && userId ? await source.usesBy(coupon._id, userId) : 0;
    return { products: found, coupon, usesByCustomer };
  }

  function priceWith(cart: CartView, userId: ObjectId | null, inputs: PricingInputs, now = new Date()): TCart {
    const { coupon, usesByCustomer } = inputs;
    const applied: AppliedCoupon | null = cart.couponCode
      ? {
          code: cart.couponCode,
          type: coupon?.type ?? 'fixed',
          value: coupon?.value ?? 0,
          description: coupon?.description ?? '',
          evaluate: (lines, subtotal) =>
            evaluateCoupon(coupon, {
              lines,
              subtotal,
              currency: config.STORE_CURRENCY,
              now,
              userId: userId?.toHexString() ?? null,
              usesByCustomer,
            }),
        }
      : null;
    return priceCart(cart.items.map(toPricingItem), mapOf(inputs.products), settings, applied, cart.updatedAt);
  }

  async function present(cart: CartView, userId: ObjectId | null, source = cached): Promise<TCart> {
    return priceWith(cart, userId, await inputsOf(cart, userId, source));
  }

  const pricedMemo = createPricedMemo();

  const emptyCart = { items: [], couponCode: null, updatedAt: null };

  async function purchasable(productId: string): Promise<ProductDoc> {
    const product = await products.findById(new ObjectId(productId));
    if (!product || !product.active || product.archived) {
      throw new AppError('PRODUCT_UNAVAILABLE', 'This product is not available.', { meta: { productId } });
    }
    return product;
  }

  function assertQuantity(product: ProductDoc, quantity: number, inCart: number): void {
    if (quantity > MAX_LINE_QUANTITY) {
      throw new AppError('VALIDATION_FAILED', `At most ${MAX_LINE_QUANTITY} of one product per order.`, {
        errors: [
          {
            path: 'body.quantity',
            message: `the cart may hold at most ${MAX_LINE_QUANTITY} of this product (it has ${inCart})`,
          },
        ],
      });
    }
    if (quantity > product.stock) {
      throw new AppError(
        'INSUFFICIENT_STOCK',
        product.stock === 0 ? 'This product is out of stock.' : `Only ${product.stock} left in stock.`,
        {
          meta: { productId: product._id.toHexString(), available: product.stock, inCart },
        },
      );
    }
  }

  const line = (product: ProductDoc, quantity: number): CartItem => ({
    productId: product._id,
    quantity,
    seenPrice: product.price,
    name: product.name,
    slug: product.slug,
    addedAt: new Date(),
  });

  return {
    present,
    /** Current product facts (price, stock, category) for checkout's order snapshot, from MongoDB. */
    productFacts: (ids: ObjectId[]) => productMap(ids, exact),
    /** The shopper's cart as the cart page shows it (from the caches when warm). */
    async get(userId: ObjectId): Promise<TCart> {
      return present((await cached.cart(userId)) ?? emptyCart, userId);
    },
    /**
     * `get`, serialised by `serialize`: a warm cart whose inputs are unchanged answers the text it answered last
     * time (see priced-memo.ts), so a cart read costs about what a cached catalog read does.
     */
    async getJson(userId: ObjectId, serialize: (cart: TCart) => string): Promise<string> {
      const cart = await cached.cart(userId);
      if (!cart) return serialize(await present(emptyCart, userId));
      const inputs = await inputsOf(cart, userId, cached);
      const now = Date.now();
      const known = pricedMemo.get(cart, inputs, now);
      if (known !== undefined) return known;
      const json = serialize(priceWith(cart, userId, inputs, new Date(now)));
      pricedMemo.set(cart, inputs, now, json);
      return json;
    },
    /** The same cart priced from MongoDB itself: what checkout charges. */
    async getExact(userId: ObjectId): Promise<TCart> {
      return present((await exact.cart(userId)) ?? emptyCart, userId, exact);
    },

    /** Adds to the line (summing with what is there), checked against stock and the per-line maximum. */
    async addItem(userId: ObjectId, productId: string, quantity: number): Promise<TCart> {
      const product = await purchasable(productId);
      const cart = await carts.mutate(userId, (current) => {
        const existing = current.items.find((item) => item.productId.equals(product._id));
        const total = (existing?.quantity ?? 0) + quantity;
        assertQuantity(product, total, existing?.quantity ?? 0);
        const items = existing
          ? current.items.map((item) =>
              item === existing ? { ...item, quantity: total, seenPrice: product.price } : item,
            )
          : [...current.items, line(product, quantity)];
        return { items, couponCode: current.couponCode };
      });
      return present(cart, userId);
    },

    async setQuantity(userId: ObjectId, productId: string, quantity: number): Promise<TCart> {
      const product = await purchasable(productId);
      const cart = await carts.mutate(userId, (current) => {
        const existing = current.items.find((item) => item.productId.equals(product._id));
        if (!existing) throw new AppError('NOT_FOUND', 'This product is not in the cart.');
        assertQuantity(product, quantity, existing.quantity);
        return {
          items: current.items.map((item) =>
            item === existing ? { ...item, quantity, seenPrice: product.price } : item,
          ),
          couponCode: current.couponCode,
        };
      });
      return present(cart, userId);
    },

    async removeItem(userId: ObjectId, productId: string): Promise<TCart> {
      const id = new ObjectId(productId);
      const cart = await carts.mutate(userId, (current) => ({
        items: current.items.filter((item) => !item.productId.equals(id)),
        couponCode: current.couponCode,
      }));
      return present(cart, userId);
    },

    async clear(userId: ObjectId): Promise<TCart> {
      const cart = await carts.mutate(userId, () => ({ items: [], couponCode: null }));
      return present(cart, userId);
    },

    /** Applies a code after checking every rule against this cart; a failing code is refused with its own error. */
    async applyCoupon(userId: ObjectId, code: string): Promise<TCart> {
      const normalised = code.trim().toUpperCase();
      // Checked on MongoDB itself: limits and per-customer uses decide here, not a cached count.
      const current = await exact.cart(userId);
      const preview = await present(
        { items: current?.items ?? [], couponCode: normalised, updatedAt: null },
        userId,
        exact,
      );
      if (preview.subtotal === 0) throw new AppError('CART_EMPTY', 'Add something to the cart before applying a code.');
      if (preview.couponProblem)
        throw new AppError(preview.couponProblem.code as 'COUPON_INVALID', preview.couponProblem.message, {
          errors: [{ path: 'body.code', message: preview.couponProblem.message }],
        });
      const cart = await carts.mutate(userId, (latest) => ({ items: latest.items, couponCode: normalised }));
      return present(cart, userId);
    },

    async removeCoupon(userId: ObjectId): Promise<TCart> {
      const cart = await carts.mutate(userId, (current) => ({ items: current.items, couponCode: null }));
      return present(cart, userId);
    },

    /** The shopper has seen the new prices: clear the "price changed" notices. */
    async acknowledge(userId: ObjectId): Promise<TCart> {
      const current = await carts.find(userId);
      const map = await productMap((current?.items ?? []).map((item) => item.productId));
      const cart = await carts.mutate(userId, (latest) => ({
        items: latest.items.map((item) => ({
          ...item,
          seenPrice: map.get(item.productId.toHexString())?.price ?? item.seenPrice,
        })),
        couponCode: latest.couponCode,
      }));
      return present(cart, userId);
    },

    /**
     * Merges a guest cart after sign-in: quantities are summed with the account's cart and capped to stock and the
     * per-line maximum; unavailable products are skipped. Adjusted lines carry a notice so the shopper sees why.
     */
    async merge(userId: ObjectId, guest: TGuestCart): Promise<TCart> {
      const map = await productMap(guest.items.map((item) => new ObjectId(item.productId)));
      const adjusted = new Map<string, number>();
      const cart = await carts.mutate(userId, (current) => {
        const items = [...current.items];
        for (const guestItem of guest.items) {
          const product = map.get(guestItem.productId);
          if (!product?.isPurchasable) continue;
          const index = items.findIndex((item) => item.productId.toHexString() === guestItem.productId);
          const wanted = (index >= 0 ? (items[index]?.quantity ?? 0) : 0) + guestItem.quantity;
          const capped = Math.min(wanted, product.stock, MAX_LINE_QUANTITY);
          if (capped < wanted) adjusted.set(guestItem.productId, wanted);
          if (capped <= 0) continue;
          const merged: CartItem = {
            productId: new ObjectId(guestItem.productId),
            quantity: capped,
            seenPrice: product.price,
            name: product.name,
            slug: product.slug,
            addedAt: index >= 0 ? (items[index]?.addedAt ?? new Date()) : new Date(),
          };
          if (index >= 0) items[index] = merged;
          else items.push(merged);
        }
        return { items, couponCode: current.couponCode };
      });
      const priced = await present(cart, userId);
      for (const entry of priced.lines) {
        const requested = adjusted.get(entry.productId);
        if (requested !== undefined) entry.notices.push({ type: 'quantity_adjusted', requested });
      }
      return priced;
    },

    /** Prices a guest cart (kept in the browser) without storing it, so guests see server-computed totals too. */
    async preview(guest: TGuestCart): Promise<TCart> {
      const map = await productMap(guest.items.map((item) => new ObjectId(item.productId)));
      const items: PricingItem[] = guest.items.map((item) => {
        const product = map.get(item.productId);
        return {
          productId: item.productId,
          quantity: item.quantity,
          seenPrice: product?.price ?? 0,
          name: product?.name ?? 'Unavailable product',
          slug: product?.slug ?? '',
        };
      });
      return priceCart(items, map, settings, null, null);
    },
  };
}

export type CartService = ReturnType<typeof createCartService>;
