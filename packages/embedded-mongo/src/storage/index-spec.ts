import { isNumeric, isPlainObject, toNumber, type Doc } from '../bson/values.js';
import { ErrorCode, fail, notSupported } from '../errors.js';
import { parseCollation, sameCollation, type Collation } from '../query/collation.js';

/** A validated index definition. */
export interface IndexSpec {
  name: string;
  /** Ordered key pattern: field path and direction (1, -1 or 'hashed'). */
  key: Array<[string, number | string]>;
  unique: boolean;
  sparse: boolean;
  partialFilterExpression?: Doc;
  expireAfterSeconds?: number;
  /** Hidden from the query planner (still maintained and enforced); collMod can change it. */
  hidden?: boolean;
  /** The index's collation (undefined: simple): its keys, uniqueness and partial filter follow it. */
  collation?: Collation;
  /** The definition as listIndexes reports it. */
  info: Doc;
}

const UNSUPPORTED_KINDS = new Set(['text', '2d', '2dsphere', 'geoHaystack']);
const IGNORED_OPTIONS = new Set(['v', 'background', 'ns', 'dropDups', 'commitQuorum', 'comment']);
const KNOWN_OPTIONS = new Set([
  'key',
  'name',
  'unique',
  'sparse',
  'partialFilterExpression',
  'expireAfterSeconds',
  'hidden',
]);

/** The name MongoDB gives an index by default: `field_direction` joined by `_` (e.g. `a_1_b_-1`). */
export function defaultIndexName(key: Doc): string {
  return Object.entries(key)
    .map(([field, direction]) => `${field}_${isNumeric(direction) ? toNumber(direction) : String(direction)}`)
    .join('_');
}

/** The `_id` index every collection has. */
export const ID_INDEX_INFO: Doc = { v: 2, key: { _id: 1 }, name: '_id_' };

/**
 * Validates a createIndexes entry and turns it into an IndexSpec. An index without a collation takes the collection's
 * default collation; `{locale: 'simple'}` opts out of it.
 */
export function parseIndexSpec(raw: unknown, defaultCollation?: Collation): IndexSpec {
  if (!isPlainObject(raw)) fail(ErrorCode.TypeMismatch, 'index specification must be an object');
  const key = raw.key;
  if (!isPlainObject(key) || Object.keys(key).length === 0)
    fail(ErrorCode.CannotCreateIndex, 'Index keys cannot be empty.');
  const pattern: Array<[string, number | string]> = [];
  for (const [field, direction] of Object.entries(key)) {
    if (field.includes('$**')) notSupported('wildcard indexes');
    if (typeof direction === 'string') {
      if (UNSUPPORTED_KINDS.has(direction)) notSupported(`'${direction}' indexes`);
      if (direction !== 'hashed') fail(ErrorCode.CannotCreateIndex, `Unknown index plugin '${direction}'`);
      pattern.push([field, direction]);
    } else if (isNumeric(direction) && toNumber(direction) !== 0) {
      pattern.push([field, toNumber(direction) > 0 ? 1 : -1]);
    } else {
      fail(ErrorCode.CannotCreateIndex, `Values in the index key pattern can't be 0 or non-numbers: ${field}`);
    }
  }
  const collation = raw.collation === undefined ? defaultCollation : parseCollation(raw.collation);
  const name = raw.name === undefined ? defaultIndexName(key) : raw.name;
  if (typeof name !== 'string' || name.length === 0)
    fail(ErrorCode.CannotCreateIndex, 'index name must be a non-empty string');
  const unique = raw.unique === true || raw.unique === 1;
  const sparse = raw.sparse === true || raw.sparse === 1;
  const spec: IndexSpec = { name, key: pattern, unique, sparse, info: { v: 2, key, name } };
  if (unique) spec.info.unique = true;
  if (sparse) spec.info.sparse = true;
  if (collation) {
    spec.collation = collation;
    spec.info.collation = collation.spec;
  }
  if (raw.partialFilterExpression !== undefined) {
    if (!isPlainObject(raw.partialFilterExpression))
      fail(ErrorCode.TypeMismatch, 'partialFilterExpression must be an object');
    if (sparse) fail(ErrorCode.CannotCreateIndex, 'cannot mix "partialFilterExpression" and "sparse" options');
    spec.partialFilterExpression = raw.partialFilterExpression;
    spec.info.partialFilterExpression = raw.partialFilterExpression;
  }
  if (raw.expireAfterSeconds !== undefined) {
    if (!isNumeric(raw.expireAfterSeconds) || toNumber(raw.expireAfterSeconds) < 0) {
      fail(ErrorCode.CannotCreateIndex, "TTL index 'expireAfterSeconds' option must be a non-negative number");
    }
    if (pattern.length !== 1)
      fail(ErrorCode.CannotCreateIndex, 'TTL indexes are single-field indexes, compound indexes do not support TTL');
    spec.expireAfterSeconds = toNumber(raw.expireAfterSeconds);
    spec.info.expireAfterSeconds = raw.expireAfterSeconds;
  }
  if (raw.hidden !== undefined) {
    if (typeof raw.hidden !== 'boolean') fail(ErrorCode.TypeMismatch, "The field 'hidden' must be a boolean");
    if (raw.hidden && name === '_id_') fail(ErrorCode.BadValue, "can't hide _id index");
    if (raw.hidden) {
      spec.hidden = true;
      spec.info.hidden = true;
    }
  }
  if (unique && pattern.some(([, d]) => d === 'hashed'))
    fail(ErrorCode.CannotCreateIndex, 'Currently hashed indexes cannot guarantee uniqueness');
  for (const option of Object.keys(raw)) {
    if (KNOWN_OPTIONS.has(option) || IGNORED_OPTIONS.has(option) || option === 'collation') continue;
    if (option === 'weights' || option === 'default_language' || option === 'language_override')
      notSupported('text indexes');
    if (option === 'storageEngine' || option === 'wildcardProjection') notSupported(`the index option '${option}'`);
    spec.info[option] = raw[option];
  }
  return spec;
}

/** True when two specs describe the same index (same key pattern and the same uniqueness/sparse/partial options). */
export function sameIndexOptions(a: IndexSpec, b: IndexSpec): boolean {
  return (
    a.unique === b.unique &&
    a.sparse === b.sparse &&
    JSON.stringify(a.partialFilterExpression ?? null) === JSON.stringify(b.partialFilterExpression ?? null) &&
    a.expireAfterSeconds === b.expireAfterSeconds &&
    sameCollation(a.collation, b.collation)
  );
}

/** True when two key patterns are identical (field order and directions). */
export function sameKeyPattern(a: IndexSpec, b: IndexSpec): boolean {
  return JSON.stringify(a.key) === JSON.stringify(b.key);
}

/**
 * Takes over what collMod can change on an existing index (TTL, hidden) from `next`, in place: the index keeps its
 * entries, its position and its identity (transaction snapshots share the spec; these options are not snapshotted).
 */
export function changeIndexOptions(spec: IndexSpec, next: IndexSpec): void {
  spec.expireAfterSeconds = next.expireAfterSeconds;
  spec.hidden = next.hidden;
  spec.info = next.info;
}
