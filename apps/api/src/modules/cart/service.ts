import { MAX_LINE_QUANTITY, type TCart, type TGuestCart } from '@mercato/shared';
import { ObjectId } from 'mongodb';
import { AppError } from '../../lib/app-error.js';
import type { Config } from '../../config/load-config.js';
import type { ProductDoc } from '../catalog/model.js';
import { variantIdOf, type VariantDoc } from '../catalog/variants.js';
import type { ProductsRepo } from '../catalog/products-repo.js';
import type { PricingProduct, StoreCatalog } from '../catalog/store-service.js';
import { evaluateCoupon } from '../coupons/evaluate.js';
import type { CouponDoc } from '../coupons/model.js';
import type { CouponsRepo } from '../coupons/repo.js';
import type { CartDoc, CartItem } from './model.js';
import { createPricedMemo, type PricingInputs } from './priced-memo.js';
import { priceCart, type AppliedCoupon, type PricedProduct, type PricingItem } from './pricing.js';
import type { CartsRepo } from './repo.js';
import { chooseVariant, findLine, pricedVariantsOf } from './variant-lines.js';

export interface CartDeps {
  carts: CartsRepo;
  products: ProductsRepo;
  catalog: Pick<StoreCatalog, 'pricingProducts' | 'heldPricingProducts'>;
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

const toPricingItem = (item: CartItem): PricingItem => ({
  productId: item.productId.toHexString(),
  variantId: variantIdOf(item).toHexString(),
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

  /** Every variant of the products, by variant id. */
  const mapOf = (found: readonly PricingProduct[]) =>
    new Map(found.flatMap(pricedVariantsOf).map((variant) => [variant.variantId, variant]));

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

  function assertQuantity(product: ProductDoc, variant: VariantDoc, quantity: number, inCart: number): void {
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
    if (quantity > variant.stock) {
      throw new AppError(
        'INSUFFICIENT_STOCK',
        variant.stock === 0 ? 'This product is out of stock.' : `Only ${variant.stock} left in stock.`,
        {
          meta: {
            productId: product._id.toHexString(),
            variantId: variant._id.toHexString(),
            available: variant.stock,
            inCart,
          },
        },
      );
    }
  }

  const line = (product: ProductDoc, variant: VariantDoc, quantity: number): CartItem => ({
    productId: product._id,
    variantId: variant._id,
    quantity,
    seenPrice: variant.price,
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
    /**
     * `getJson` in one step, for the hot-read path: the text it answered last time, when the cart and everything
     * it was priced from are held in memory and unchanged since (the same objects, as `getJson`'s memo checks);
     * undefined otherwise (no cart, anything not held, or never priced from memory), and `getJson` answers.
     */
    heldJson(userId: string): string | undefined {
      const cart = carts.held(userId);
      if (!cart) return undefined;
      const products =
        cart.items.length > 0 ? deps.catalog.heldPricingProducts(cart.items.map((item) => item.productId)) : [];
      const coupon = cart.couponCode ? coupons.held.findByCode(cart.couponCode) : null;
      if (products === undefined || coupon === undefined) return undefined;
      const usesByCustomer = coupon ? coupons.held.usesBy(coupon._id, new ObjectId(userId)) : 0;
      if (usesByCustomer === undefined) return undefined;
      return pricedMemo.get(cart, { products, coupon, usesByCustomer }, Date.now());
    },
    /** The same cart priced from MongoDB itself: what checkout charges. */
    async getExact(userId: ObjectId): Promise<TCart> {
      return present((await exact.cart(userId)) ?? emptyCart, userId, exact);
    },

    /**
     * Adds to the variant's line (summing with what is there), checked against the variant's stock and the
     * per-line maximum. Two variants of a product are two lines.
     */
    async addItem(userId: ObjectId, productId: string, quantity: number, variantId?: string): Promise<TCart> {
      const product = await purchasable(productId);
      const variant = chooseVariant(product, variantId, 'body.variantId');
      const cart = await carts.mutate(userId, (current) => {
        const existing = current.items.find((item) => variantIdOf(item).equals(variant._id));
        const total = (existing?.quantity ?? 0) + quantity;
        assertQuantity(product, variant, total, existing?.quantity ?? 0);
        const items = existing
          ? current.items.map((item) =>
              item === existing ? { ...item, quantity: total, seenPrice: variant.price } : item,
            )
          : [...current.items, line(product, variant, quantity)];
        return { items, couponCode: current.couponCode };
      });
      return present(cart, userId);
    },

    async setQuantity(userId: ObjectId, productId: string, quantity: number, variantId?: string): Promise<TCart> {
      const product = await purchasable(productId);
      const cart = await carts.mutate(userId, (current) => {
        const existing = findLine(current.items, product._id, variantId, 'query.variantId');
        if (!existing) throw new AppError('NOT_FOUND', 'This product is not in the cart.');
        const variant = chooseVariant(product, variantIdOf(existing).toHexString(), 'query.variantId');
        assertQuantity(product, variant, quantity, existing.quantity);
        return {
          items: current.items.map((item) =>
            item === existing ? { ...item, quantity, seenPrice: variant.price } : item,
          ),
          couponCode: current.couponCode,
        };
      });
      return present(cart, userId);
    },

    async removeItem(userId: ObjectId, productId: string, variantId?: string): Promise<TCart> {
      const id = new ObjectId(productId);
      const cart = await carts.mutate(userId, (current) => {
        const existing = findLine(current.items, id, variantId, 'query.variantId');
        return { items: current.items.filter((item) => item !== existing), couponCode: current.couponCode };
      });
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
          seenPrice: map.get(variantIdOf(item).toHexString())?.price ?? item.seenPrice,
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
          const product = guestVariant(map, guestItem);
          if (!product?.isPurchasable) continue;
          const index = items.findIndex((item) => variantIdOf(item).toHexString() === product.variantId);
          const wanted = (index >= 0 ? (items[index]?.quantity ?? 0) : 0) + guestItem.quantity;
          const capped = Math.min(wanted, product.stock, MAX_LINE_QUANTITY);
          if (capped < wanted) adjusted.set(product.variantId, wanted);
          if (capped <= 0) continue;
          const merged: CartItem = {
            productId: new ObjectId(guestItem.productId),
            variantId: new ObjectId(product.variantId),
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
        const requested = adjusted.get(entry.variantId);
        if (requested !== undefined) entry.notices.push({ type: 'quantity_adjusted', requested });
      }
      return priced;
    },

    /** Prices a guest cart (kept in the browser) without storing it, so guests see server-computed totals too. */
    async preview(guest: TGuestCart): Promise<TCart> {
      const map = await productMap(guest.items.map((item) => new ObjectId(item.productId)));
      const items: PricingItem[] = guest.items.map((item) => {
        const product = guestVariant(map, item);
        return {
          productId: item.productId,
          // A variant that cannot be told (gone, or not named for a product with several) prices as unavailable.
          variantId: product?.variantId ?? item.variantId ?? item.productId,
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

/** The variant a guest cart item holds: the one named, or the product's only one. */
function guestVariant(map: Map<string, PricedProduct>, item: TGuestCart['items'][number]): PricedProduct | undefined {
  if (item.variantId) {
    const named = map.get(item.variantId);
    return named?.id === item.productId ? named : undefined;
  }
  const variants = [...map.values()].filter((variant) => variant.id === item.productId);
  return variants.length === 1 ? variants[0] : undefined;
}
