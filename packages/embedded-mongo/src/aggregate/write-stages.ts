import { ObjectId } from 'bson';
import { identical } from '../bson/compare.js';
import { isPlainObject, type Doc } from '../bson/values.js';
import type { DataAccess } from '../data/access.js';
import { ErrorCode, fail, notSupported } from '../errors.js';
import { findMatching } from '../query/execute.js';
import { Collection, checkCollectionName } from '../storage/catalog.js';
import { CollectionData, duplicateIdError, duplicateKeyError, idKeyOf } from '../storage/collection-data.js';
import type { IndexSpec } from '../storage/index-spec.js';
import type { Catalog } from '../storage/catalog.js';
import type { JournalOp } from '../storage/journal-format.js';
import { withIdFirst } from '../update/update-spec.js';

function targetName(spec: unknown, stage: string, db: string): string {
  if (typeof spec === 'string') return checkCollectionName(spec);
  if (isPlainObject(spec)) {
    if (spec.db !== undefined && spec.db !== db) notSupported(`${stage} into another database`);
    return checkCollectionName(spec.coll);
  }
  return fail(ErrorCode.TypeMismatch, `${stage} needs a collection name`);
}

function withId(doc: Doc): Doc {
  return doc._id === undefined ? withIdFirst(doc, new ObjectId()) : withIdFirst(doc, doc._id);
}

/**
 * `$out`: replaces the target collection with the results, keeping its indexes. The new contents are built aside
 * first, so a unique-index violation leaves the old collection untouched.
 */
export function writeOut(catalog: Catalog, ops: JournalOp[], db: string, spec: unknown, results: Doc[]): void {
  const name = targetName(spec, '$out', db);
  const previous = catalog.get(db, name);
  const data = new CollectionData();
  const ns = `${db}.${name}`;
  for (const index of previous?.data.indexes ?? []) data.addIndex(index.spec, ns);
  for (const raw of results) {
    const doc = withId(raw);
    if (data.docs.has(idKeyOf(doc))) throw duplicateIdError(ns, doc);
    data.put(doc, ns);
  }
  if (previous) {
    catalog.remove(db, name);
    ops.push({ o: 'x', ns });
  }
  catalog.add(new Collection(db, name, previous?.options ?? {}, data));
  ops.push({ o: 'c', ns, opts: previous?.options ?? {} });
  for (const index of data.indexes) ops.push({ o: 'ci', ns, spec: index.spec.info });
  for (const doc of data.docs.values()) ops.push({ o: 'p', ns, d: doc });
}

/**
 * The unique index that makes `$merge`'s 'on' fields identify one document: `_id`'s, or a unique index on exactly
 * those fields (MongoDB refuses 'on' fields without one, 51183).
 */
function uniqueIndexFor(indexes: readonly { spec: IndexSpec }[], on: string[]): Pick<IndexSpec, 'name' | 'key'> {
  if (on.length === 1 && on[0] === '_id') return { name: '_id_', key: [['_id', 1]] };
  const wanted = new Set(on);
  const found = indexes.find(
    ({ spec }) =>
      spec.unique &&
      !spec.partialFilterExpression &&
      spec.key.length === wanted.size &&
      spec.key.every(([field]) => wanted.has(field)),
  );
  if (!found) fail(51183, 'Cannot find index to verify that join fields will be unique');
  return found.spec;
}

/** `$merge`: upserts each result into the target by the `on` fields. */
export function writeMerge(data: DataAccess, db: string, spec: unknown, results: Doc[]): void {
  const options = isPlainObject(spec) && spec.into !== undefined ? spec : { into: spec };
  const name = targetName(options.into, '$merge', db);
  const on =
    options.on === undefined ? ['_id'] : Array.isArray(options.on) ? options.on.map(String) : [String(options.on)];
  const whenMatched = options.whenMatched ?? 'merge';
  const whenNotMatched = options.whenNotMatched ?? 'insert';
  if (typeof whenMatched !== 'string') notSupported('$merge with a whenMatched pipeline');
  const target = data.collection(db, name);
  const onIndex = uniqueIndexFor(target.indexes(), on);
  for (const raw of results) {
    const doc = withId(raw);
    const filter: Doc = {};
    for (const field of on) {
      if (doc[field] === undefined && field !== '_id')
        fail(51132, `$merge write error: 'on' field '${field}' cannot be missing`);
      if (Array.isArray(doc[field])) fail(51185, `$merge write error: 'on' field '${field}' is an array`);
      filter[field] = doc[field];
    }
    const [match] = findMatching(target, filter, { limit: 1, positional: false });
    if (!match) {
      if (whenNotMatched === 'insert') target.insert(doc);
      else if (whenNotMatched === 'fail')
        fail(13113, `$merge could not find a matching document in the target collection`);
      continue;
    }
    const updates = whenMatched === 'replace' || whenMatched === 'merge';
    if (updates && raw._id !== undefined && !identical(raw._id, match.doc._id)) {
      // MongoDB updates the match with the result, _id included: a different _id is an immutable-field error.
      fail(
        ErrorCode.ImmutableField,
        "$merge failed to update the matching document, did you attempt to modify the _id or the shard key? :: caused by :: Performing an update on the path '_id' would modify the immutable field '_id'",
      );
    }
    switch (whenMatched) {
      case 'replace':
        target.replace(match.doc, withIdFirst(doc, match.doc._id));
        break;
      case 'merge':
        target.replace(match.doc, { ...match.doc, ...doc, _id: match.doc._id });
        break;
      case 'keepExisting':
        break;
      case 'fail':
        // MongoDB inserts, and the insert fails on the 'on' fields' unique index: E11000 with keyPattern/keyValue.
        throw duplicateKeyError(
          target.ns,
          onIndex,
          onIndex.key.map(([field]) => doc[field]),
        );
      default:
        fail(ErrorCode.BadValue, `Enumeration value '${whenMatched}' for field 'whenMatched' is not a valid value.`);
    }
  }
}
