import { isPlainObject, type Doc } from '../bson/values.js';
import { fail, notSupported } from '../errors.js';

/**
 * MongoDB 7.0 parses these commands with strict IDL: a field it does not know is rejected with 40415 ("BSON field
 * 'update.updates.sort' is an unknown field."), never ignored. The engine claims 7.0, so it rejects the same fields
 * (8.0-only options such as the `sort` of an update statement among them) instead of accepting and ignoring them.
 */

/** Arguments every command accepts (generic_argument.idl), whatever the driver or shell adds. */
const GENERIC_ARGUMENTS = [
  '$db',
  'lsid',
  'txnNumber',
  'autocommit',
  'startTransaction',
  'coordinator',
  '$clusterTime',
  '$readPreference',
  'readConcern',
  'writeConcern',
  'comment',
  'maxTimeMS',
  'maxTimeMSOpOnly',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
  '$audit',
  '$client',
  '$configServerState',
  '$configTime',
  '$topologyTime',
  '$queryOptions',
  '$replData',
  '$oplogQueryData',
  '$traceCtx',
  'allowImplicitCollectionCreation',
  'clientOperationKey',
  'databaseVersion',
  'shardVersion',
  'help',
  'mayBypassWriteBlocking',
  'tracking_info',
  'usesDefaultMaxTimeMS',
  'versionContext',
];

const WRITE_COMMAND = [
  'ordered',
  'bypassDocumentValidation',
  'stmtId',
  'stmtIds',
  'isTimeseriesNamespace',
  'collectionUUID',
  'encryptionInformation',
  'originalQuery',
  'originalCollation',
];

const COMMAND_FIELDS: Record<string, readonly string[]> = {
  insert: [...WRITE_COMMAND, 'documents'],
  update: [...WRITE_COMMAND, 'updates', 'let', 'runtimeConstants'],
  delete: [...WRITE_COMMAND, 'deletes', 'let', 'runtimeConstants'],
  findAndModify: [
    'query',
    'fields',
    'sort',
    'hint',
    'collation',
    'arrayFilters',
    'remove',
    'update',
    'new',
    'upsert',
    'bypassDocumentValidation',
    'let',
    'runtimeConstants',
    'stmtId',
    'encryptionInformation',
    'sampleId',
    'isTimeseriesNamespace',
    '$_allowShardKeyUpdatesWithoutFullShardKeyInQuery',
  ],
  find: [
    'filter',
    'projection',
    'sort',
    'hint',
    'collation',
    'skip',
    'limit',
    'batchSize',
    'singleBatch',
    'let',
    'max',
    'min',
    'returnKey',
    'showRecordId',
    'tailable',
    'oplogReplay',
    'noCursorTimeout',
    'awaitData',
    'allowPartialResults',
    'allowDiskUse',
    'readOnce',
    'allowSpeculativeMajorityRead',
    'runtimeConstants',
    'term',
    'encryptionInformation',
    'sampleId',
    'includeQueryStatsMetrics',
    '$_requestResumeToken',
    '$_resumeAfter',
    '$_startAt',
  ],
  aggregate: [
    'pipeline',
    'explain',
    'allowDiskUse',
    'cursor',
    'hint',
    'collation',
    'bypassDocumentValidation',
    'let',
    'runtimeConstants',
    'needsMerge',
    'fromMongos',
    'fromRouter',
    'isMapReduceCommand',
    'collectionUUID',
    'exchange',
    'passthroughToShard',
    'encryptionInformation',
    'sampleId',
    'includeQueryStatsMetrics',
    'isClusterQueryWithoutShardKeyCmd',
    '$_requestReshardingResumeToken',
    '$_generateV2ResumeTokens',
  ],
};
COMMAND_FIELDS.findandmodify = COMMAND_FIELDS.findAndModify as readonly string[];

const STATEMENT_FIELDS: Record<string, readonly string[]> = {
  'update.updates': [
    'q',
    'u',
    'c',
    'arrayFilters',
    'multi',
    'upsert',
    'upsertSupplied',
    'collation',
    'hint',
    'sampleId',
    '$_allowShardKeyUpdatesWithoutFullShardKeyInQuery',
  ],
  'delete.deletes': ['q', 'limit', 'collation', 'hint', 'sampleId'],
};

/**
 * Fields 7.0 knows that only servers or drivers' internals send, whose effect the engine does not have: refused with
 * 238 naming them rather than ignored.
 */
const NOT_IMPLEMENTED = new Set([
  'runtimeConstants',
  'term',
  'readOnce',
  'allowSpeculativeMajorityRead',
  'encryptionInformation',
  'includeQueryStatsMetrics',
  '$_requestResumeToken',
  '$_resumeAfter',
  '$_startAt',
  'needsMerge',
  'fromMongos',
  'fromRouter',
  'isMapReduceCommand',
  'collectionUUID',
  'exchange',
  'passthroughToShard',
  'isClusterQueryWithoutShardKeyCmd',
  '$_requestReshardingResumeToken',
  '$_generateV2ResumeTokens',
  'isTimeseriesNamespace',
  'originalQuery',
  'originalCollation',
  '$_allowShardKeyUpdatesWithoutFullShardKeyInQuery',
]);

function refuseNotImplemented(doc: Doc, key: string, where: string): void {
  const value = doc[key];
  if (NOT_IMPLEMENTED.has(key) && value !== undefined && value !== false) notSupported(`the ${where} field '${key}'`);
}

const ALLOWED = new Map<string, Set<string>>(
  Object.entries(COMMAND_FIELDS).map(([name, fields]) => [name, new Set([name, ...GENERIC_ARGUMENTS, ...fields])]),
);
const STATEMENT_ALLOWED = new Map<string, Set<string>>(
  Object.entries(STATEMENT_FIELDS).map(([path, fields]) => [path, new Set(fields)]),
);

/** Rejects a command field MongoDB 7.0 does not know (40415), like its IDL parser. */
export function rejectUnknownFields(body: Doc, command: string): void {
  const allowed = ALLOWED.get(command);
  if (!allowed) return;
  for (const key of Object.keys(body)) {
    const name = command === 'findandmodify' ? 'findAndModify' : command;
    if (!allowed.has(key)) fail(40415, `BSON field '${name}.${key}' is an unknown field.`);
    refuseNotImplemented(body, key, name);
  }
}

/** Rejects an unknown field in the statements of `update.updates` or `delete.deletes` (e.g. 8.0's update `sort`). */
export function rejectUnknownStatementFields(statements: unknown, path: 'update.updates' | 'delete.deletes'): void {
  const allowed = STATEMENT_ALLOWED.get(path) as Set<string>;
  if (!Array.isArray(statements)) return;
  for (const statement of statements) {
    if (!isPlainObject(statement)) continue;
    for (const key of Object.keys(statement)) {
      if (!allowed.has(key)) fail(40415, `BSON field '${path}.${key}' is an unknown field.`);
      refuseNotImplemented(statement, key, path);
    }
  }
}
