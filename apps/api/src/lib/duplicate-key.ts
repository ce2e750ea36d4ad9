/**
 * The fields of the unique index a write collided on (E11000), from the `keyPattern` the server attaches to the
 * error (MongoDB and the embedded engine both do); `[]` for a duplicate-key error without it, `null` for any other
 * error. A collection with several unique keys (products: slug and variant SKUs) must tell them apart: a SKU taken
 * is not a slug taken.
 */
export function duplicateKeyFields(error: unknown): string[] | null {
  const failure = error as { code?: number; keyPattern?: Record<string, unknown> } | null;
  if (failure?.code !== 11000) return null;
  return Object.keys(failure.keyPattern ?? {});
}
