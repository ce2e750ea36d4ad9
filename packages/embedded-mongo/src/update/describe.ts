import { EJSON } from 'bson';
import { bsonTypeAlias } from '../bson/values.js';

/** A short shell-like rendering of a value for error messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    const text = EJSON.stringify(value as never, { relaxed: true });
    return text.length > 200 ? `${text.slice(0, 200)}...` : text;
  } catch {
    return String(value);
  }
}

/** The BSON type name used in MongoDB's type error messages. */
export function typeNameOf(value: unknown): string {
  return bsonTypeAlias(value);
}
