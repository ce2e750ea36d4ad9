import { BSON_TYPE_CODES, bsonTypeAlias, isNumeric, toNumber } from '../bson/values.js';
import { ErrorCode, fail } from '../errors.js';

const ALIASES = new Set([...Object.keys(BSON_TYPE_CODES), 'number']);
const ALIAS_BY_CODE = new Map(Object.entries(BSON_TYPE_CODES).map(([alias, code]) => [code, alias]));

function aliasOf(spec: unknown): string {
  if (typeof spec === 'string') {
    if (!ALIASES.has(spec)) fail(ErrorCode.BadValue, `Unknown type name alias: ${spec}`);
    return spec;
  }
  if (isNumeric(spec)) {
    const alias = ALIAS_BY_CODE.get(toNumber(spec));
    if (!alias) fail(ErrorCode.BadValue, `Invalid numerical type code: ${String(toNumber(spec))}`);
    return alias;
  }
  return fail(ErrorCode.TypeMismatch, 'type must be represented as a number or a string');
}

/** The `$type` test: true when a value has one of the given BSON types ('number' means any numeric type). */
export function compileTypeTest(operand: unknown): (value: unknown, missing: boolean) => boolean {
  const specs = Array.isArray(operand) ? operand : [operand];
  if (specs.length === 0) fail(ErrorCode.FailedToParse, '$type must match at least one type');
  const wanted = new Set(specs.map(aliasOf));
  const anyNumber = wanted.has('number');
  return (value, missing) => {
    if (missing) return false;
    const alias = bsonTypeAlias(value);
    if (wanted.has(alias)) return true;
    return anyNumber && (alias === 'int' || alias === 'long' || alias === 'double' || alias === 'decimal');
  };
}
