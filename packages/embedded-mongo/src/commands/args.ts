import { isLong, isNumeric, isPlainObject, toNumber, type Doc } from '../bson/values.js';
import { checkCollectionName, type Collection } from '../storage/catalog.js';
import { ErrorCode, fail, notSupported } from '../errors.js';
import { parseCollation, type Collation } from '../query/collation.js';
import type { CommandContext } from './context.js';
import { evaluateLet } from '../query/let-variables.js';

/** The collection named by the command's first field. */
export function targetCollection(body: Doc, command: string): string {
  const value = body[command];
  if (typeof value !== 'string') {
    fail(ErrorCode.InvalidNamespace, `collection name has invalid type ${value === null ? 'null' : typeof value}`);
  }
  return checkCollectionName(value);
}

/** An optional non-negative integer argument. */
export function optionalCount(body: Doc, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!isNumeric(value)) fail(ErrorCode.TypeMismatch, `Field '${field}' should be a number`);
  const n = Math.trunc(toNumber(value));
  if (n < 0) fail(ErrorCode.BadValue, `${field} value must be non-negative, but received: ${n}`);
  return n;
}

/** An optional integer that may be negative (find's legacy limit). */
export function optionalInteger(body: Doc, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!isNumeric(value)) fail(ErrorCode.TypeMismatch, `Field '${field}' should be a number`);
  return Math.trunc(toNumber(value));
}

/** An optional document argument. */
export function optionalDoc(body: Doc, field: string): Doc | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) fail(ErrorCode.TypeMismatch, `Field '${field}' should be an object`);
  return value;
}

/** A boolean argument (numbers accepted like mongod). */
export function flag(body: Doc, field: string): boolean {
  const value = body[field];
  return value === true || (isNumeric(value) && toNumber(value) !== 0);
}

/** A cursor or transaction number as bigint. */
export function toBigInt(value: unknown, field: string): bigint {
  if (isLong(value)) return value.toBigInt();
  if (isNumeric(value)) return BigInt(Math.trunc(toNumber(value)));
  return fail(ErrorCode.TypeMismatch, `Field '${field}' must be a 64-bit integer`);
}

/** A collection's default collation (`create` with `collation`); undefined: simple. */
export function collectionCollation(collection: Collection | undefined): Collation | undefined {
  return collection ? parseCollation(collection.options.collation) : undefined;
}

/**
 * The collation an operation on `db.name` runs with: its own `collation` option, else the collection's default. A
 * view's collation is simple (views are created without one), and MongoDB refuses to override it (167).
 */
export function operationCollation(ctx: CommandContext, name: string | undefined, raw: unknown): Collation | undefined {
  const own = parseCollation(raw);
  const collection = name === undefined ? undefined : ctx.engine.store.catalog.get(ctx.db, name);
  if (collection && typeof collection.options.viewOn === 'string') {
    if (own) fail(ErrorCode.OptionNotSupportedOnView, `Cannot override a view's default collation`);
    return undefined;
  }
  if (raw !== undefined && raw !== null) return own;
  return collectionCollation(collection);
}

/** Rejects non-simple collations (views are created without one). */
export function rejectCollation(value: unknown): void {
  if (value === undefined || value === null) return;
  if (isPlainObject(value) && value.locale === 'simple') return;
  notSupported('collation');
}

/**
 * The command's `let` variables, each expression evaluated once (`{$literal: 'x'}` is 'x'); `write` commands refuse
 * numbers they could not store with MongoDB's type, reads give mingo's.
 */
export function letVariables(body: Doc, mode: 'read' | 'write'): Doc | undefined {
  return evaluateLet(optionalDoc(body, 'let'), mode === 'write');
}
