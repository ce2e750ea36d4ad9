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
import { targetCollection } from './args.js';
import type { CommandContext, CommandTable } from './context.js';
import { cursorReply } from './crud-read.js';

function isIdIndex(spec: IndexSpec): boolean {
  return spec.name === '_id_' || (spec.key.length === 1 && spec.key[0]?.[0] === '_id' && spec.key[0][1] === 1);
}

function createIndexes(ctx: CommandContext): Doc {
  const name = targetCollection(ctx.body, 'createIndexes');
  const raw = ctx.body.indexes;
  if (!Array.isArray(raw) || raw.length === 0) fail(ErrorCode.BadValue, 'Must specify at least one index to create');
  const specs = raw.map(parseIndexSpec);
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
    const sameName = existing.find((e) => e.name === spec.name);
    if (sameName) {
      if (sameKeyPattern(sameName, spec) && sameIndexOptions(sameName, spec)) continue;
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
    const sameKey = existing.find(
      (e) => sameKeyPattern(e, spec) && !e.partialFilterExpression && !spec.partialFilterExpression,
    );
    if (sameKey) {
      throw new MongoCommandError(
        ErrorCode.IndexOptionsConflict,
        `Index already exists with a different name: ${sameKey.name}`,
      );
    }
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
  const access = ctx.data.collection(ctx.db, name);
  if (!access.exists()) fail(ErrorCode.NamespaceNotFound, `ns does not exist: ${access.ns}`);
  const docs = [ID_INDEX_INFO, ...access.indexes().map((index) => index.spec.info)];
  const batchSize = isPlainObject(ctx.body.cursor) ? (ctx.body.cursor.batchSize as number | undefined) : undefined;
  const batch = ctx.engine.cursors.open(access.ns, docs, batchSize, false, ctx.sessionKey);
  return cursorReply(batch.id, access.ns, batch.docs, true);
}

function dropIndexes(ctx: CommandContext): Doc {
  const name = targetCollection(ctx.body, ctx.name);
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
    const found = collection.data.indexes.find(
      (index) => JSON.stringify(index.spec.info.key) === JSON.stringify(target),
    );
    if (JSON.stringify(target) === '{"_id":1}') fail(ErrorCode.InvalidOptions, 'cannot drop _id index');
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
  createIndexes: { handler: createIndexes, write: true },
  listIndexes: { handler: listIndexes },
  dropIndexes: { handler: dropIndexes, write: true },
  deleteIndexes: { handler: dropIndexes, write: true },
};
