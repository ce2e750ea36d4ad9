import type { Binary, Long, ObjectId, Timestamp } from 'bson';
import { bsonTag, toNumber } from './values.js';

/**
 * A string that is equal for two values exactly when MongoDB considers them equal: numbers of any BSON type collapse
 * to one form (1, 1.0 and Long(1) share a key), embedded documents keep their field order. Used for hash indexes,
 * `_id` lookups, `distinct` and `$in` sets.
 */
export function canonicalKey(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
      return 'n';
    case 'string':
      return `s${value.length}:${value}`;
    case 'number':
      return numberKey(value);
    case 'boolean':
      return value ? 'b1' : 'b0';
    case 'bigint':
      return `i${value.toString()}`;
    default:
      break;
  }
  if (value === null) return 'n';
  if (Array.isArray(value)) return `[${value.map(canonicalKey).join(',')}]`;
  if (value instanceof Date) return `t${value.getTime()}`;
  if (value instanceof RegExp) return `r${value.source.length}:${value.source}/${value.flags}`;
  switch (bsonTag(value)) {
    case undefined:
    case 'DBRef':
      return objectKey(value as Record<string, unknown>);
    case 'ObjectId':
      return `o${(value as ObjectId).toHexString()}`;
    case 'Double':
    case 'Int32':
    case 'Decimal128':
      return numberKey(toNumber(value));
    case 'Long':
      return `i${(value as Long).toBigInt().toString()}`;
    case 'Binary': {
      const binary = value as Binary;
      return `x${binary.sub_type}:${Buffer.from(binary.buffer.subarray(0, binary.position)).toString('base64')}`;
    }
    case 'Timestamp': {
      const ts = value as Timestamp;
      return `T${ts.t}.${ts.i}`;
    }
    case 'MinKey':
      return 'min';
    case 'MaxKey':
      return 'max';
    case 'BSONSymbol':
      return canonicalKey(String(value));
    case 'BSONRegExp': {
      const r = value as unknown as { pattern: string; options: string };
      return `r${r.pattern.length}:${r.pattern}/${r.options}`;
    }
    default:
      return `?${String(value)}`;
  }
}

function numberKey(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (Number.isInteger(value)) {
    return Number.isSafeInteger(value) ? `i${value === 0 ? 0 : value}` : `i${BigInt(value).toString()}`;
  }
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return `d${value}`;
}

function objectKey(value: Record<string, unknown>): string {
  let out = '{';
  for (const [field, v] of Object.entries(value)) out += `${field.length}:${field}=${canonicalKey(v)};`;
  return `${out}}`;
}
