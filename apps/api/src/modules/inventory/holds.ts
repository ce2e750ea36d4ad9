import type { Collection, Db, ObjectId } from 'mongodb';
import { PRODUCTS, type ProductDoc } from '../catalog/model.js';

/** A unit count held for one pending order, recorded inside the product document itself. */
export interface StockHold {
  orderId: ObjectId;
  quantity: number;
  at: Date;
}

export interface HoldLine {
  productId: ObjectId;
  quantity: number;
}

type ProductWithHolds = ProductDoc & { holds?: StockHold[] };

/** What an order holds, commits or puts back: each line's product and quantity. */
export function holdLinesOf(order: { lines: readonly HoldLine[] }): HoldLine[] {
  return order.lines.map((line) => ({ productId: line.productId, quantity: line.quantity }));
}

/**
 * Told which products' shelf stock an operation just moved, so the storefront's cached pages stop showing the old
 * count before the operation returns (the catalog's `stockChanged`). Expected not to throw.
 */
export type StockChanged = (productIds: ObjectId[]) => Promise<void>;

/**
 * Stock reservation without multi-document transactions: each hold is one atomic single-document update that
 * moves units from `stock` to `reserved` AND records `{orderId, quantity}` in the product's `holds` array, only
 * if enough stock is available and the order holds none yet. Commit and release remove the hold in the same
 * update that moves the units, so every operation is idempotent per (product, order) and a crash can never leave
 * units moved without a record of which order holds them. stock + reserved + sold stays constant.
 */
export function createStockHolds(db: Db, stockChanged: StockChanged) {
  const products: Collection<ProductWithHolds> = db.collection<ProductWithHolds>(PRODUCTS);

  /** `moved` is false for a hold this order already had (nothing changed on the shelf). */
  async function holdOne(line: HoldLine, orderId: ObjectId): Promise<{ held: boolean; moved: boolean }> {
    const result = await products.updateOne(
      {
        _id: line.productId,
        active: true,
        archived: false,
        stock: { $gte: line.quantity },
        'holds.orderId': { $ne: orderId },
      },
      {
        $inc: { stock: -line.quantity, reserved: line.quantity },
        $push: { holds: { orderId, quantity: line.quantity, at: new Date() } },
      },
    );
    if (result.modifiedCount === 1) return { held: true, moved: true };
    // Already held by this order (a retried checkout step) counts as success.
    const held = (await products.countDocuments({ _id: line.productId, 'holds.orderId': orderId }, { limit: 1 })) > 0;
    return { held, moved: false };
  }

  /**
   * Runs a shelf-moving operation, which records in `moved` each product whose `stock` it changed, and tells the
   * catalog about them afterwards, also after a failure half-way: a shopper may have read (and cached) the count.
   */
  async function movingShelf<T>(operation: (moved: ObjectId[]) => Promise<T>): Promise<T> {
    const moved: ObjectId[] = [];
    try {
      return await operation(moved);
    } finally {
      await stockChanged(moved);
    }
  }

  async function settle(line: HoldLine, orderId: ObjectId, target: 'sold' | 'stock'): Promise<boolean> {
    const result = await products.updateOne(
      { _id: line.productId, holds: { $elemMatch: { orderId, quantity: line.quantity } } },
      { $inc: { reserved: -line.quantity, [target]: line.quantity }, $pull: { holds: { orderId } } },
    );
    return result.modifiedCount === 1;
  }

  return {
    /** Holds every line or none: on the first line that cannot be held, the ones already held are released. */
    async holdAll(lines: HoldLine[], orderId: ObjectId): Promise<{ ok: true } | { ok: false; productId: ObjectId }> {
      return movingShelf(async (moved) => {
        const held: HoldLine[] = [];
        for (const line of lines) {
          const outcome = await holdOne(line, orderId);
          if (outcome.moved) moved.push(line.productId);
          if (outcome.held) {
            held.push(line);
            continue;
          }
          for (const undo of held) await settle(undo, orderId, 'stock');
          return { ok: false, productId: line.productId };
        }
        return { ok: true };
      });
    },
    /**
     * Payment succeeded: held units become sold. Nothing is invalidated: units go from `reserved` to `sold`, and
     * the storefront shows neither (only `stock`, which the hold already lowered and invalidated). Bumping here
     * would flush every listing on each payment for no visible change.
     */
    async commitAll(lines: HoldLine[], orderId: ObjectId): Promise<void> {
      for (const line of lines) await settle(line, orderId, 'sold');
    },
    /** Checkout failed or expired: held units return to the shelf. */
    async releaseAll(lines: HoldLine[], orderId: ObjectId): Promise<void> {
      await movingShelf(async (moved) => {
        for (const line of lines) if (await settle(line, orderId, 'stock')) moved.push(line.productId);
      });
    },
    /** Puts sold units back on the shelf (cancel or refund with restock). Guarded so `sold` never goes negative. */
    async restock(lines: HoldLine[]): Promise<void> {
      await movingShelf(async (moved) => {
        for (const line of lines) {
          const result = await products.updateOne(
            { _id: line.productId, sold: { $gte: line.quantity } },
            { $inc: { sold: -line.quantity, stock: line.quantity } },
          );
          if (result.modifiedCount === 1) moved.push(line.productId);
        }
      });
    },
  };
}

export type StockHolds = ReturnType<typeof createStockHolds>;
