import { Long } from 'bson';
import { isNumeric, isPlainObject, toNumber, type Doc } from '../bson/values.js';
import { ErrorCode, fail, notSupported } from '../errors.js';
import { Collection } from '../storage/catalog.js';
import { changeIndexOptions, parseIndexSpec } from '../storage/index-spec.js';
import { targetCollection } from './args.js';
import type { CommandContext, CommandTable } from './context.js';
import { checkViewDefinition, isView, viewDefinition } from './views.js';

/** Arguments any command may carry (sessions, write concern, API version, …): not collMod options. */
const GENERIC_ARGUMENTS = new Set([
  '$db',
  'lsid',
  'txnNumber',
  'autocommit',
  'startTransaction',
  '$clusterTime',
  '$readPreference',
  'readConcern',
  'writeConcern',
  'comment',
  'maxTimeMS',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
]);

/** collMod options MongoDB has and the engine does not: refused by name (238), never accepted and ignored. */
const NOT_IMPLEMENTED: Record<string, string> = {
  validator: "collection validators (collMod 'validator')",
  validationLevel: "collection validators (collMod 'validationLevel')",
  validationAction: "collection validators (collMod 'validationAction')",
  changeStreamPreAndPostImages: "change streams (collMod 'changeStreamPreAndPostImages')",
  expireAfterSeconds: "clustered and time-series collections (collMod 'expireAfterSeconds')",
  timeseries: "time-series collections (collMod 'timeseries')",
  timeseriesBucketsMayHaveMixedSchemaData:
    "time-series collections (collMod 'timeseriesBucketsMayHaveMixedSchemaData')",
  cappedSize: "capped collections (collMod 'cappedSize')",
  cappedMax: "capped collections (collMod 'cappedMax')",
  recordPreImages: "collMod 'recordPreImages'",
  dryRun: "collMod 'dryRun'",
};

const INDEX_FIELDS = new Set(['name', 'keyPattern', 'expireAfterSeconds', 'hidden']);
const INDEX_NOT_IMPLEMENTED = new Set(['unique', 'prepareUnique', 'forceNonUnique']);
const MAX_EXPIRE_AFTER_SECONDS = 2 ** 31 - 1;

/**
 * collMod: on a collection, an index's TTL (`expireAfterSeconds`, also turning a single-field index into a TTL index)
 * and `hidden`; on a view, its `viewOn` and `pipeline`. Changes are journaled and survive a restart.
 */
function collMod(ctx: CommandContext): Doc {
  const name = targetCollection(ctx.body, 'collMod');
  const collection = ctx.engine.store.catalog.get(ctx.db, name);
  if (!collection) fail(ErrorCode.NamespaceNotFound, `ns does not exist: ${ctx.db}.${name}`);
  const view = isView(collection);
  for (const option of Object.keys(ctx.body)) {
    if (option === 'collMod' || GENERIC_ARGUMENTS.has(option)) continue;
    if (option === 'viewOn' || option === 'pipeline') {
      if (!view) fail(ErrorCode.InvalidOptions, `'${option}' option only supported on a view`);
      continue;
    }
    if (view) fail(ErrorCode.InvalidOptions, `option not supported on a view: ${option}`);
    if (option === 'index') continue;
    const feature = NOT_IMPLEMENTED[option];
    if (feature) notSupported(feature);
    fail(40415, `BSON field 'collMod.${option}' is an unknown field.`);
  }
  if (view) return modifyView(ctx, collection);
  return ctx.body.index === undefined ? {} : modifyIndex(ctx, collection, ctx.body.index);
}

function modifyView(ctx: CommandContext, view: Collection): Doc {
  if (ctx.body.viewOn === undefined && ctx.body.pipeline === undefined) return {};
  const catalog = ctx.engine.store.catalog;
  const current = viewDefinition(catalog, ctx.db, view.name) as { viewOn: string; pipeline: Doc[] };
  const definition = checkViewDefinition(
    catalog,
    ctx.db,
    view.name,
    'collMod',
    ctx.body.viewOn ?? current.viewOn,
    ctx.body.pipeline ?? current.pipeline,
  );
  const options: Doc = { viewOn: definition.viewOn, pipeline: definition.pipeline };
  // Replaces the entry in place (same position in listCollections); journaled as drop + create of the view.
  catalog.add(new Collection(view.db, view.name, options, view.data, view.uuid));
  ctx.ops.push({ o: 'x', ns: view.ns }, { o: 'c', ns: view.ns, opts: options });
  return {};
}

function modifyIndex(ctx: CommandContext, collection: Collection, request: unknown): Doc {
  if (!isPlainObject(request)) {
    fail(ErrorCode.TypeMismatch, "BSON field 'collMod.index' is the wrong type, expected type 'object'");
  }
  for (const field of Object.keys(request)) {
    if (INDEX_FIELDS.has(field)) continue;
    if (INDEX_NOT_IMPLEMENTED.has(field)) notSupported(`collMod 'index.${field}' (converting an index's uniqueness)`);
    fail(40415, `BSON field 'collMod.index.${field}' is an unknown field.`);
  }
  const { name, keyPattern, expireAfterSeconds, hidden } = request;
  if (name !== undefined && keyPattern !== undefined) {
    fail(ErrorCode.InvalidOptions, 'Cannot specify both key pattern and name.');
  }
  if (name === undefined && keyPattern === undefined) {
    fail(ErrorCode.InvalidOptions, 'Must specify either index name or key pattern.');
  }
  if (expireAfterSeconds === undefined && hidden === undefined) {
    fail(ErrorCode.InvalidOptions, 'no expireAfterSeconds or hidden field');
  }
  if (expireAfterSeconds !== undefined) {
    if (!isNumeric(expireAfterSeconds)) fail(ErrorCode.InvalidOptions, 'expireAfterSeconds field must be a number');
    const seconds = toNumber(expireAfterSeconds);
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_EXPIRE_AFTER_SECONDS) {
      fail(
        ErrorCode.InvalidOptions,
        `TTL index 'expireAfterSeconds' option must be within an acceptable range, try a lower number`,
      );
    }
  }
  if (hidden !== undefined && typeof hidden !== 'boolean')
    fail(ErrorCode.InvalidOptions, 'hidden field must be a boolean');
  const index = findIndex(collection, name, keyPattern);
  const spec = index.spec;
  const info: Doc = { ...spec.info };
  const reply: Doc = {};
  if (expireAfterSeconds !== undefined) {
    if (spec.key.length !== 1) {
      fail(ErrorCode.InvalidOptions, 'TTL indexes are single-field indexes, compound indexes do not support TTL');
    }
    const seconds = toNumber(expireAfterSeconds);
    if (spec.expireAfterSeconds !== undefined) reply.expireAfterSeconds_old = Long.fromNumber(spec.expireAfterSeconds);
    reply.expireAfterSeconds_new = Long.fromNumber(seconds);
    info.expireAfterSeconds = seconds;
  }
  // Hiding a hidden index (or showing a visible one) changes nothing and reports nothing, as in MongoDB.
  if (hidden !== undefined && hidden !== (spec.hidden === true)) {
    reply.hidden_old = spec.hidden === true;
    reply.hidden_new = hidden;
    if (hidden) info.hidden = true;
    else delete info.hidden;
  }
  const next = parseIndexSpec(info);
  changeIndexOptions(spec, next);
  ctx.ops.push({ o: 'mi', ns: collection.ns, spec: next.info });
  return reply;
}

function findIndex(collection: Collection, name: unknown, keyPattern: unknown) {
  const ns = collection.ns;
  if (name !== undefined) {
    if (typeof name !== 'string') fail(ErrorCode.InvalidOptions, 'Index name must be a string.');
    if (name === '_id_') refuseIdIndex();
    const found = collection.data.findIndex(name);
    if (!found) fail(ErrorCode.IndexNotFound, `cannot find index ${name} for ns ${ns}`);
    return found;
  }
  if (!isPlainObject(keyPattern)) fail(ErrorCode.InvalidOptions, 'Key pattern must be an object.');
  const wanted = JSON.stringify(parseIndexSpec({ key: keyPattern, name: 'keyPattern' }).key);
  if (wanted === JSON.stringify([['_id', 1]])) refuseIdIndex();
  const matches = collection.data.indexes.filter((index) => JSON.stringify(index.spec.key) === wanted);
  if (matches.length > 1) {
    fail(
      ErrorCode.AmbiguousIndexKeyPattern,
      `index keyPattern ${JSON.stringify(keyPattern)} matches ${matches.length} indexes, must use index name.`,
    );
  }
  const [found] = matches;
  if (!found) fail(ErrorCode.IndexNotFound, `cannot find index ${JSON.stringify(keyPattern)} for ns ${ns}`);
  return found;
}

function refuseIdIndex(): never {
  return fail(ErrorCode.BadValue, 'collMod cannot change the _id index (no TTL, cannot be hidden)');
}

/** collMod. */
export const collModCommands: CommandTable = {
  collMod: { handler: collMod, write: true },
};
