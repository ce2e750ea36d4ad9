import type { Collection, Db, ObjectId } from 'mongodb';
import { PRODUCTS, type ProductDoc } from '../catalog/model.js';
import { onSaleStockOf, variantIdOf } from '../catalog/variants.js';

/** A unit count of one variant held for one pending order, recorded inside the product document itself. */
export interface StockHold {
  orderId: ObjectId;
  variantId: ObjectId;
  quantity: number;
  at: Date;
}

export interface HoldLine {
  productId: ObjectId;
  /** The variant whose units move; absent on lines of orders from before variants (see `variantIdOf`). */
  variantId?: ObjectId | null;
  quantity: number;
}

type ProductWithHolds = ProductDoc & { holds?: StockHold[] };

/** What an order holds, commits or puts back: each line's product, variant and quantity. */
export function holdLinesOf(order: { lines: readonly HoldLine[] }): HoldLine[] {
  return order.lines.map((line) => ({
    productId: line.productId,
    variantId: line.variantId ?? null,
    quantity: line.quantity,
  }));
}

/** The line's variant inside `variants` (query), and the same as an array filter named `v` (update). */
const variantOf = (line: HoldLine) => ({ _id: variantIdOf(line) });
/** The array filter naming a variant `v` in an update. */
export const variantArrayFilters = (variantId: ObjectId) => [{ 'v._id': variantId }];
const arrayFiltersOf = (line: HoldLine) => variantArrayFilters(variantIdOf(line));
/** Units of variant `v`: its count and the product's total move together, in one update. */
export const variantUnits = (field: 'stock' | 'reserved' | 'sold', delta: number) => ({
  [`variants.$[v].${field}`]: delta,
  [field]: delta,
});
/** The hold a line's order has on its variant (the migration gave holds from before variants their variant id). */
const holdMatch = (line: HoldLine, orderId: ObjectId) => ({ orderId, variantId: variantIdOf(line) });

/**
 * One atomic change of a product's stock on sale (its active variants', what listings show: `onSaleStockOf`), as the
 * update itself saw it: `before` and `after` come from the document the update returned, so each of several
 * concurrent moves on one product knows its own step exactly. A move of a variant taken off sale leaves both equal.
 */
export interface StockMove {
  productId: ObjectId;
  slug: string;
  before: number;
  after: number;
}

/**
 * Told every shelf move an operation just made, so the storefront's cached pages stop showing the old stock before
 * the operation returns (the catalog's `stockChanged`). Expected not to throw.
 */
export type StockChanged = (moves: StockMove[]) => Promise<void>;

/** What a shelf-moving update returns: enough to tell the before/after of its own `$inc`. */
const MOVED_FIELDS = {
  projection: { slug: 1, 'variants._id': 1, 'variants.stock': 1, 'variants.active': 1 },
  returnDocument: 'after',
} as const;
type Moved = Pick<ProductDoc, '_id' | 'slug'> & {
  variants: Pick<ProductDoc['variants'][number], '_id' | 'stock' | 'active'>[];
};

/**
 * Stock reservation without multi-document transactions: each hold is one atomic single-document update that
 * moves units from `stock` to `reserved` AND records `{orderId, quantity}` in the product's `holds` array, only
 * if enough stock is available and the order holds none yet. Commit and release remove the hold in the same
 * update that moves the units, so every operation is idempotent per (product, order) and a crash can never leave
 * units moved without a record of which order holds them. stock + reserved + sold stays constant.
 */
export function createStockHolds(db: Db, stockChanged: StockChanged) {
  const products: Collection<ProductWithHolds> = db.collection<ProductWithHolds>(PRODUCTS);

  /** The move a shelf update of `line` made, from the document it returned (`null`: the update matched nothing). */
  function moveOf(doc: Moved | null, line: HoldLine, delta: number): StockMove | null {
    if (!doc) return null;
    const after = onSaleStockOf(doc.variants);
    const moved = doc.variants.find((variant) => variant._id.equals(variantIdOf(line)));
    return { productId: doc._id, slug: doc.slug, before: moved?.active ? after - delta : after, after };
  }

  /** `move` is null for a hold this order already had (nothing changed on the shelf). */
  async function holdOne(line: HoldLine, orderId: ObjectId): Promise<{ held: boolean; move: StockMove | null }> {
    const variantId = variantIdOf(line);
    const updated = await products.findOneAndUpdate(
      {
        _id: line.productId,
        active: true,
        archived: false,
        variants: { $elemMatch: { ...variantOf(line), active: true, stock: { $gte: line.quantity } } },
        holds: { $not: { $elemMatch: holdMatch(line, orderId) } },
      },
      {
        $inc: { ...variantUnits('stock', -line.quantity), ...variantUnits('reserved', line.quantity) },
        $push: { holds: { orderId, variantId, quantity: line.quantity, at: new Date() } },
      },
      { ...MOVED_FIELDS, arrayFilters: arrayFiltersOf(line) },
    );
    const move = moveOf(updated, line, -line.quantity);
    if (move) return { held: true, move };
    // Already held by this order (a retried checkout step) counts as success.
    const held =
      (await products.countDocuments(
        { _id: line.productId, holds: { $elemMatch: holdMatch(line, orderId) } },
        { limit: 1 },
      )) > 0;
    return { held, move: null };
  }

  /**
   * Runs a shelf-moving operation, which records in `moves` every change of `stock` it made, and tells the catalog
   * about them afterwards, also after a failure half-way: a shopper may have read (and cached) the stock. Every
   * move is reported, also one undone later in the same operation (a hold released because another line failed):
   * a listing may have been cached in between.
   */
  async function movingShelf<T>(operation: (moves: StockMove[]) => Promise<T>): Promise<T> {
    const moves: StockMove[] = [];
    try {
      return await operation(moves);
    } finally {
      if (moves.length > 0) await stockChanged(moves);
    }
  }

  const holdOf = (line: HoldLine, orderId: ObjectId) => ({
    _id: line.productId,
    holds: { $elemMatch: { ...holdMatch(line, orderId), quantity: line.quantity } },
  });

  /** Held units go back to the shelf; the move, or null when this order held none (already settled). */
  async function release(line: HoldLine, orderId: ObjectId): Promise<StockMove | null> {
    const updated = await products.findOneAndUpdate(
      holdOf(line, orderId),
      {
        $inc: { ...variantUnits('reserved', -line.quantity), ...variantUnits('stock', line.quantity) },
        $pull: { holds: holdMatch(line, orderId) },
      },
      { ...MOVED_FIELDS, arrayFilters: arrayFiltersOf(line) },
    );
    return moveOf(updated, line, line.quantity);
  }

  return {
    /** Holds every line or none: on the first line that cannot be held, the ones already held are released. */
    async holdAll(
      lines: HoldLine[],
      orderId: ObjectId,
    ): Promise<{ ok: true } | { ok: false; productId: ObjectId; variantId: ObjectId | null }> {
      return movingShelf(async (moves) => {
        const held: HoldLine[] = [];
        for (const line of lines) {
          const outcome = await holdOne(line, orderId);
          if (outcome.move) moves.push(outcome.move);
          if (outcome.held) {
            held.push(line);
            continue;
          }
          for (const undo of held) {
            const move = await release(undo, orderId);
            if (move) moves.push(move);
          }
          return { ok: false, productId: line.productId, variantId: line.variantId ?? null };
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
      for (const line of lines)
        await products.updateOne(
          holdOf(line, orderId),
          {
            $inc: { ...variantUnits('reserved', -line.quantity), ...variantUnits('sold', line.quantity) },
            $pull: { holds: holdMatch(line, orderId) },
          },
          { arrayFilters: arrayFiltersOf(line) },
        );
    },
    /** Checkout failed or expired: held units return to the shelf. */
    async releaseAll(lines: HoldLine[], orderId: ObjectId): Promise<void> {
      await movingShelf(async (moves) => {
        for (const line of lines) {
          const move = await release(line, orderId);
          if (move) moves.push(move);
        }
      });
    },
    /** Puts sold units back on the shelf (cancel or refund with restock). Guarded so `sold` never goes negative. */
    async restock(lines: HoldLine[]): Promise<void> {
      await movingShelf(async (moves) => {
        for (const line of lines) {
          const updated = await products.findOneAndUpdate(
            { _id: line.productId, variants: { $elemMatch: { ...variantOf(line), sold: { $gte: line.quantity } } } },
            { $inc: { ...variantUnits('sold', -line.quantity), ...variantUnits('stock', line.quantity) } },
            { ...MOVED_FIELDS, arrayFilters: arrayFiltersOf(line) },
          );
          const move = moveOf(updated, line, line.quantity);
          if (move) moves.push(move);
        }
      });
    },
  };
}

export type StockHolds = ReturnType<typeof createStockHolds>;
