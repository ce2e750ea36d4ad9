import type { Binary, Long, ObjectId } from 'bson';
import { bsonTag, isPlainObject } from '../bson/values.js';

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (value instanceof RegExp) return `/${value.source}/${value.flags}`;
  if (Array.isArray(value)) return `[ ${value.map(formatValue).join(', ')} ]`;
  switch (bsonTag(value)) {
    case 'ObjectId':
      return `ObjectId('${(value as ObjectId).toHexString()}')`;
    case 'Long':
      return (value as Long).toString();
    case 'Double':
    case 'Int32':
    case 'Decimal128':
      return String(value.valueOf());
    case 'Binary':
      return `BinData(${(value as Binary).sub_type}, ${(value as Binary).toString('base64')})`;
    default:
      break;
  }
  if (isPlainObject(value)) return formatDuplicateKey(value);
  return String(value);
}

/** The `{ field: value }` part of an E11000 message, in mongod's shell-like notation. */
export function formatDuplicateKey(keyValue: Record<string, unknown>): string {
  const fields = Object.entries(keyValue).map(([k, v]) => `${k}: ${formatValue(v)}`);
  return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
}
