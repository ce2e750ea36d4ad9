import { calculateObjectSize } from 'bson';
import { isPlainObject, type Doc } from '../bson/values.js';
import { ErrorCode, fail, notSupported } from '../errors.js';
import { compileFilter } from '../query/matcher.js';
import { Collection, checkCollectionName, checkDatabaseName, splitNamespace } from '../storage/catalog.js';
import { ID_INDEX_INFO } from '../storage/index-spec.js';
import { createInTransaction } from '../txn/txn-access.js';
import { parseCollation } from '../query/collation.js';
import { collectionCollation, flag, optionalDoc, targetCollection } from './args.js';
import type { CommandContext, CommandTable } from './context.js';
import { cursorReply } from './crud-read.js';
import { createView, isView, refuseView, viewInfo } from './views.js';

const UNSUPPORTED_CREATE_OPTIONS = [
  'capped',
  'timeseries',
  'validator',
  'clusteredIndex',
  'changeStreamPreAndPostImages',
  'encryptedFields',
  'expireAfterSeconds',
];

function create(ctx: CommandContext): Doc {
  const name = targetCollection(ctx.body, 'create');
  if (ctx.txn && ctx.body.viewOn !== undefined) {
    fail(ErrorCode.OperationNotSupportedInTransaction, 'Cannot create a view in a multi-document transaction.');
  }
  if (ctx.body.viewOn !== undefined || ctx.body.pipeline !== undefined) return createView(ctx, name);
  for (const option of UNSUPPORTED_CREATE_OPTIONS) {
    if (ctx.body[option] !== undefined && ctx.body[option] !== false) notSupported(`the create option '${option}'`);
  }
  // A default collation for the collection's operations and indexes (stored with every default filled in).
  const collation = parseCollation(ctx.body.collation);
  const catalog = ctx.engine.store.catalog;
  if (ctx.txn) {
    if (collation) notSupported('creating a collection with a collation inside a transaction');
    createInTransaction(ctx.txn, catalog, ctx.db, name);
    return {};
  }
  if (catalog.get(ctx.db, name)) fail(ErrorCode.NamespaceExists, `Collection ${ctx.db}.${name} already exists.`);
  const options: Doc = collation ? { collation: collation.spec } : {};
  const collection = catalog.add(new Collection(ctx.db, name, options));
  ctx.ops.push({ o: 'c', ns: collection.ns, opts: options });
  return {};
}

function drop(ctx: CommandContext): Doc {
  const name = targetCollection(ctx.body, 'drop');
  const removed = ctx.engine.store.catalog.remove(ctx.db, name);
  if (!removed) return { ns: `${ctx.db}.${name}`, nIndexesWas: 0 };
  ctx.ops.push({ o: 'x', ns: removed.ns });
  if (isView(removed)) return { ns: removed.ns };
  return { ns: removed.ns, nIndexesWas: removed.data.indexes.length + 1 };
}

function dropDatabase(ctx: CommandContext): Doc {
  const catalog = ctx.engine.store.catalog;
  for (const collection of catalog.collections(ctx.db)) {
    catalog.remove(ctx.db, collection.name);
    ctx.ops.push({ o: 'x', ns: collection.ns });
  }
  return { dropped: ctx.db };
}

function renameCollection(ctx: CommandContext): Doc {
  if (ctx.db !== 'admin') fail(ErrorCode.Unauthorized, 'renameCollection may only be run against the admin database.');
  const fromNs = ctx.body.renameCollection;
  const toNs = ctx.body.to;
  if (typeof fromNs !== 'string' || typeof toNs !== 'string')
    fail(ErrorCode.TypeMismatch, 'renameCollection and to must be namespace strings');
  const from = splitNamespace(fromNs);
  const to = splitNamespace(toNs);
  checkDatabaseName(to.db);
  checkCollectionName(to.name);
  const catalog = ctx.engine.store.catalog;
  const source = catalog.get(from.db, from.name);
  if (!source) fail(ErrorCode.NamespaceNotFound, `Source collection ${fromNs} does not exist`);
  if (isView(source)) fail(ErrorCode.CommandNotSupportedOnView, `cannot rename view: ${fromNs}`);
  if (isView(catalog.get(to.db, to.name)))
    fail(ErrorCode.NamespaceExists, `a view already exists with that name: ${toNs}`);
  if (fromNs === toNs) fail(ErrorCode.IllegalOperation, "Can't rename a collection to itself");
  if (catalog.get(to.db, to.name)) {
    if (!flag(ctx.body, 'dropTarget')) fail(ErrorCode.NamespaceExists, 'target namespace exists');
    catalog.remove(to.db, to.name);
    ctx.ops.push({ o: 'x', ns: toNs });
  }
  catalog.remove(from.db, from.name);
  catalog.add(new Collection(to.db, to.name, source.options, source.data));
  ctx.ops.push({ o: 'r', ns: fromNs, to: toNs });
  return {};
}

/** The `_id` index of a collection as MongoDB lists it: with the collection's default collation, if any. */
function idIndexInfo(collection: Collection): Doc {
  const collation = collectionCollation(collection);
  return collation ? { ...ID_INDEX_INFO, collation: collation.spec } : ID_INDEX_INFO;
}

function listCollections(ctx: CommandContext): Doc {
  const nameOnly = flag(ctx.body, 'nameOnly');
  const filter = optionalDoc(ctx.body, 'filter');
  const matcher = compileFilter(filter);
  const infos = ctx.engine.store.catalog
    .collections(ctx.db)
    .map((collection): Doc =>
      isView(collection)
        ? viewInfo(collection, nameOnly)
        : nameOnly
          ? { name: collection.name, type: 'collection' }
          : {
              name: collection.name,
              type: 'collection',
              options: collection.options,
              info: { readOnly: false, uuid: collection.uuid },
              idIndex: idIndexInfo(collection),
            },
    )
    .filter((info) => matcher(info));
  const ns = `${ctx.db}.$cmd.listCollections`;
  const batchSize = isPlainObject(ctx.body.cursor) ? (ctx.body.cursor.batchSize as number | undefined) : undefined;
  const batch = ctx.engine.cursors.open(ns, infos, batchSize, false, ctx.sessionKey);
  return cursorReply(batch.id, ns, batch.docs, true);
}

function sizeOf(collection: Collection): number {
  let bytes = 0;
  for (const doc of collection.data.docs.values()) bytes += calculateObjectSize(doc);
  return bytes;
}

function listDatabases(ctx: CommandContext): Doc {
  const catalog = ctx.engine.store.catalog;
  const nameOnly = flag(ctx.body, 'nameOnly');
  const filter = compileFilter(optionalDoc(ctx.body, 'filter'));
  let total = 0;
  const databases = catalog
    .databases()
    .map((name): Doc => {
      if (nameOnly) return { name };
      const size = catalog.collections(name).reduce((sum, c) => sum + sizeOf(c), 0);
      total += size;
      return { name, sizeOnDisk: size, empty: size === 0 };
    })
    .filter((db) => filter(db));
  return nameOnly ? { databases } : { databases, totalSize: total, totalSizeMb: Math.round(total / 1048576) };
}

function collStats(ctx: CommandContext): Doc {
  const name = targetCollection(ctx.body, 'collStats');
  refuseView(ctx, name);
  const collection = ctx.engine.store.catalog.get(ctx.db, name);
  if (!collection) fail(ErrorCode.NamespaceNotFound, `Collection [${ctx.db}.${name}] not found.`);
  const size = sizeOf(collection);
  const count = collection.data.docs.size;
  return {
    ns: collection.ns,
    count,
    size,
    avgObjSize: count > 0 ? Math.round(size / count) : 0,
    storageSize: size,
    nindexes: collection.data.indexes.length + 1,
    indexNames: ['_id_', ...collection.data.indexes.map((index) => index.name)],
  };
}

function dbStats(ctx: CommandContext): Doc {
  const all = ctx.engine.store.catalog.collections(ctx.db);
  const collections = all.filter((collection) => !isView(collection));
  const objects = collections.reduce((n, c) => n + c.data.docs.size, 0);
  const dataSize = collections.reduce((n, c) => n + sizeOf(c), 0);
  return {
    db: ctx.db,
    collections: collections.length,
    views: all.length - collections.length,
    objects,
    avgObjSize: objects > 0 ? dataSize / objects : 0,
    dataSize,
    storageSize: dataSize,
    indexes: collections.reduce((n, c) => n + c.data.indexes.length + 1, 0),
  };
}

/** Catalog commands: create, drop, dropDatabase, renameCollection, listCollections, listDatabases, stats. */
export const collectionCommands: CommandTable = {
  create: { handler: create, write: true, inTransaction: true },
  drop: { handler: drop, write: true },
  dropDatabase: { handler: dropDatabase, write: true },
  renameCollection: { handler: renameCollection, write: true },
  listCollections: { handler: listCollections },
  listDatabases: { handler: listDatabases },
  collStats: { handler: collStats },
  dbStats: { handler: dbStats },
};
