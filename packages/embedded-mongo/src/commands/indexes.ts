import { isPlainObject, type Doc } from '../bson/values.js';
import { ErrorCode, MongoCommandError, fail } from '../errors.js';
import { Collection } from '../storage/catalog.js';
import {
  ID_INDEX_INFO,
  parseIndexSpec,
  sameIndexOptions,
  sameKeyPattern,
  type IndexSpec,
} from '../storage/index-spec.js';
import { SecondaryIndex } from '../storage/secondary-index.js';
import type { Transaction } from '../txn/transaction.js';
import { createInTransaction } from '../txn/txn-access.js';
import { sameCollation } from '../query/collation.js';
import { collectionCollation, targetCollection } from './args.js';
import type { CommandContext, CommandTable } from './context.js';
import { cursorReply } from './crud-read.js';
import { refuseView } from './views.js';

function isIdIndex(spec: IndexSpec): boolean {
  return spec.name === '_id_' || (spec.key.length === 1 && spec.key[0]?.[0] === '_id' && spec.key[0][1] === 1);
}

/** True when `spec` is already among `existing`; a same-name or same-key index defined differently fails (85/86). */
function alreadyExists(existing: readonly IndexSpec[], spec: IndexSpec): boolean {
  const sameName = existing.find((e) => e.name === spec.name);
  if (sameName) {
    if (sameKeyPattern(sameName, spec) && sameIndexOptions(sameName, spec)) return true;
    if (!sameKeyPattern(sameName, spec)) {
      throw new MongoCommandError(
        ErrorCode.IndexKeySpecsConflict,
        `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec.info)}, existing index: ${JSON.stringify(sameName.info)}`,
      );
    }
    throw new MongoCommandError(
      ErrorCode.IndexOptionsConflict,
      `An equivalent index already exists with the same name but different options. Requested index: ${JSON.stringify(spec.info)}, existing index: ${JSON.stringify(sameName.info)}`,
    );
  }
  // Indexes on the same key may coexist when their collations differ (they answer different queries).
  const sameKey = existing.find(
    (e) =>
      sameKeyPattern(e, spec) &&
      !e.partialFilterExpression &&
      !spec.partialFilterExpression &&
      sameCollation(e.collation, spec.collation),
  );
  if (sameKey) {
    throw new MongoCommandError(
      ErrorCode.IndexOptionsConflict,
      `Index already exists with a different name: ${sameKey.name}`,
    );
  }
  return false;
}

/**
 * createIndexes inside a transaction, as MongoDB 4.4+ allows it: indexes that already exist are a no-op; new ones only
 * on a collection that does not exist yet (created here) or that this transaction created, and only while it is
 * empty (263 otherwise). They are built at commit, together with the collection.
 */
function createIndexesInTransaction(ctx: CommandContext, txn: Transaction, name: string, specs: IndexSpec[]): Doc {
  const access = ctx.data.collection(ctx.db, name);
  const wanted = specs.filter((spec) => !isIdIndex(spec));
  const before = access.indexes().length + 1;
  const specsNow = () => access.indexes().map((index) => index.spec);
  if (access.exists() && wanted.every((spec) => alreadyExists(specsNow(), spec))) {
    return { numIndexesBefore: before, numIndexesAfter: before, note: 'all indexes already exist' };
  }
  if (access.exists() && !txn.created.has(access.ns)) {
    fail(
      ErrorCode.OperationNotSupportedInTransaction,
      `Cannot create new indexes on existing collection ${access.ns} in a multi-document transaction.`,
    );
  }
  if (!access.exists()) createInTransaction(txn, ctx.engine.store.catalog, ctx.db, name);
  txn.createdExplicitly.add(access.ns);
  if (access.size() > 0) {
    fail(
      ErrorCode.OperationNotSupportedInTransaction,
      `Cannot create new indexes on non-empty collection ${access.ns} in a multi-document transaction.`,
    );
  }
  let added = 0;
  for (const spec of wanted) {
    if (alreadyExists(specsNow(), spec)) continue;
    const indexes = txn.createdIndexes.get(access.ns) ?? [];
    indexes.push(new SecondaryIndex(spec));
    txn.createdIndexes.set(access.ns, indexes);
    txn.ops.push({ o: 'ci', ns: access.ns, spec: spec.info });
    added++;
  }
  return { numIndexesBefore: before, numIndexesAfter: before + added, createdCollectionAutomatically: true };
}

function createIndexes(ctx: CommandContext): Doc {
  const name = targetCollection(ctx.body, 'createIndexes');
  refuseView(ctx, name);
  const raw = ctx.body.indexes;
  if (!Array.isArray(raw) || raw.length === 0) fail(ErrorCode.BadValue, 'Must specify at least one index to create');
  // An index without a collation takes the collection's default one.
  const defaultCollation = collectionCollation(ctx.engine.store.catalog.get(ctx.db, name));
  const specs = raw.map((entry) => parseIndexSpec(entry, defaultCollation));
  if (ctx.txn) return createIndexesInTransaction(ctx, ctx.txn, name, specs);
  const catalog = ctx.engine.store.catalog;
  let collection = catalog.get(ctx.db, name);
  const created = !collection;
  if (!collection) {
    collection = catalog.add(new Collection(ctx.db, name));
    ctx.ops.push({ o: 'c', ns: collection.ns, opts: {} });
  }
  const before = collection.data.indexes.length + 1;
  let added = 0;
  for (const spec of specs) {
    if (isIdIndex(spec)) continue;
    const existing = collection.data.indexes.map((index) => index.spec);
    if (alreadyExists(existing, spec)) continue;
    collection.writableData().addIndex(spec, collection.ns);
    ctx.ops.push({ o: 'ci', ns: collection.ns, spec: spec.info });
    added++;
  }
  const reply: Doc = {
    numIndexesBefore: before,
    numIndexesAfter: before + added,
    createdCollectionAutomatically: created,
  };
  if (added === 0) reply.note = 'all indexes already exist';
  return reply;
}

function listIndexes(ctx: CommandContext): Doc {
  const name = targetCollection(ctx.body, 'listIndexes');
  refuseView(ctx, name);
  const access = ctx.data.collection(ctx.db, name);
  if (!access.exists()) fail(ErrorCode.NamespaceNotFound, `ns does not exist: ${access.ns}`);
  const idCollation = collectionCollation(ctx.engine.store.catalog.get(ctx.db, name));
  const idIndex = idCollation ? { ...ID_INDEX_INFO, collation: idCollation.spec } : ID_INDEX_INFO;
  const docs = [idIndex, ...access.indexes().map((index) => index.spec.info)];
  const batchSize = isPlainObject(ctx.body.cursor) ? (ctx.body.cursor.batchSize as number | undefined) : undefined;
  const batch = ctx.engine.cursors.open(access.ns, docs, batchSize, false, ctx.sessionKey);
  return cursorReply(batch.id, access.ns, batch.docs, true);
}

function dropIndexes(ctx: CommandContext): Doc {
  const name = targetCollection(ctx.body, ctx.name);
  refuseView(ctx, name);
  const collection = ctx.engine.store.catalog.get(ctx.db, name);
  if (!collection) fail(ErrorCode.NamespaceNotFound, `ns not found ${ctx.db}.${name}`);
  const was = collection.data.indexes.length + 1;
  const target = ctx.body.index;
  let names: string[];
  if (target === '*') {
    names = collection.data.indexes.map((index) => index.name);
  } else if (typeof target === 'string') {
    names = [target];
  } else if (Array.isArray(target)) {
    names = target.map(String);
  } else if (isPlainObject(target)) {
    const matching = collection.data.indexes.filter(
      (index) => JSON.stringify(index.spec.info.key) === JSON.stringify(target),
    );
    const found = matching[0];
    if (JSON.stringify(target) === '{"_id":1}') fail(ErrorCode.InvalidOptions, 'cannot drop _id index');
    if (matching.length > 1) {
      fail(
        181, // AmbiguousIndexKeyPattern: indexes that differ by collation share a key pattern
        `${matching.length} indexes found for key: ${JSON.stringify(target)}, identify by name instead. Conflicting indexes: ${matching.map((index) => JSON.stringify(index.spec.info)).join(', ')}`,
      );
    }
    if (!found) fail(ErrorCode.IndexNotFound, `can't find index with key: ${JSON.stringify(target)}`);
    names = [found.name];
  } else {
    return fail(ErrorCode.TypeMismatch, "BSON field 'index' must be a string, an array of strings or an object");
  }
  for (const index of names) {
    if (index === '_id_') fail(ErrorCode.InvalidOptions, 'cannot drop _id index');
    if (!collection.data.findIndex(index)) fail(ErrorCode.IndexNotFound, `index not found with name [${index}]`);
  }
  for (const index of names) {
    collection.writableData().dropIndex(index);
    ctx.ops.push({ o: 'di', ns: collection.ns, name: index });
  }
  return { nIndexesWas: was };
}

/** createIndexes, listIndexes, dropIndexes. */
export const indexCommands: CommandTable = {
  createIndexes: { handler: createIndexes, write: true, inTransaction: true },
  listIndexes: { handler: listIndexes },
  dropIndexes: { handler: dropIndexes, write: true },
  deleteIndexes: { handler: dropIndexes, write: true },
};
