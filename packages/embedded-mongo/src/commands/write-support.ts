import { ObjectId } from 'bson';
import { identical } from '../bson/compare.js';
import { isPlainObject, type Doc } from '../bson/values.js';
import type { CollectionAccess } from '../data/access.js';
import { comparingExpressionOperator } from '../aggregate/collation-check.js';
import { ErrorCode, fail, notSupported } from '../errors.js';
import { containsString, type Collation } from '../query/collation.js';
import { toRegex } from '../query/regex.js';
import { findMatching, type Matched } from '../query/execute.js';
import { applyUpdate, buildUpsertDocument, parseUpdate, withIdFirst, type UpdateSpec } from '../update/update-spec.js';

/** Checks `_id` and puts it first, generating an ObjectId when missing (as mongod does for inserts). */
export function prepareForInsert(doc: unknown): Doc {
  if (!isPlainObject(doc)) fail(ErrorCode.TypeMismatch, 'document to insert must be an object');
  const id = doc._id === undefined ? new ObjectId() : doc._id;
  checkId(id);
  return Object.keys(doc)[0] === '_id' && doc._id !== undefined ? doc : withIdFirst(doc, id);
}

/** `_id` may be anything but an array, a regex or undefined. */
export function checkId(id: unknown): void {
  if (Array.isArray(id)) fail(ErrorCode.InvalidIdField, `The '_id' value cannot be of type array`);
  if (toRegex(id)) fail(ErrorCode.InvalidIdField, `The '_id' value cannot be of type regex`);
  if (isPlainObject(id)) {
    for (const key of Object.keys(id)) {
      if (key.startsWith('$'))
        fail(
          ErrorCode.DollarPrefixedFieldName,
          `_id fields may not contain '$'-prefixed fields: ${key} is not valid for storage.`,
        );
    }
  }
}

/** The outcome of one update statement. */
export interface UpdateOutcome {
  matched: number;
  modified: number;
  upsertedId?: unknown;
  /** Per affected document: before and after (for findAndModify). */
  changes: Array<{ before: Doc; after: Doc }>;
}

/** Options of an update statement (update command entry or findAndModify). */
export interface UpdateStatement {
  filter: Doc | undefined;
  update: unknown;
  multi: boolean;
  upsert: boolean;
  arrayFilters?: unknown;
  sort?: unknown;
  hint?: unknown;
  variables?: Doc;
  /** The statement's collation (undefined: simple) for its filter. */
  collation?: Collation;
}

// Update operators that compare values (MongoDB applies the collation to them); the engine's operators compare
// binary, so with strings under a collation they are refused rather than answered differently.
const COMPARING_UPDATE_OPERATORS = ['$min', '$max', '$addToSet', '$pull', '$pullAll'];

function refuseCollatedComparisons(statement: UpdateStatement): void {
  const update = statement.update;
  const refuse = (what: string) => notSupported(`${what} with a non-simple collation`);
  if (Array.isArray(update)) {
    const operator = comparingExpressionOperator(update);
    if (operator) refuse(`the ${operator} expression in a pipeline update`);
    return;
  }
  if (!isPlainObject(update)) return;
  for (const operator of COMPARING_UPDATE_OPERATORS) {
    if (containsString(update[operator])) refuse(`the update operator ${operator} on strings`);
  }
  const push = update.$push;
  if (isPlainObject(push) && Object.values(push).some((v) => isPlainObject(v) && v.$sort !== undefined)) {
    refuse('$push with $sort');
  }
  if (containsString(statement.arrayFilters)) refuse('arrayFilters on strings');
}

/** Runs one update statement against a collection: match, apply, store changed documents, or upsert. */
export function runUpdate(access: CollectionAccess, statement: UpdateStatement): UpdateOutcome {
  if (statement.collation) refuseCollatedComparisons(statement);
  const spec: UpdateSpec = parseUpdate(statement.update, statement.arrayFilters, statement.variables);
  if (statement.multi && spec.kind === 'replacement') {
    fail(ErrorCode.FailedToParse, 'multi update is not supported for replacement-style update');
  }
  const now = new Date();
  const matches: Matched[] = findMatching(access, statement.filter, {
    limit: statement.multi ? 0 : 1,
    sort: statement.sort,
    hint: statement.hint,
    variables: statement.variables,
    collation: statement.collation,
  });
  if (matches.length === 0) {
    if (!statement.upsert) return { matched: 0, modified: 0, changes: [] };
    const doc = buildUpsertDocument(statement.filter, spec, now);
    checkId(doc._id);
    access.insert(doc);
    return { matched: 0, modified: 0, upsertedId: doc._id, changes: [{ before: doc, after: doc }] };
  }
  let modified = 0;
  const changes: UpdateOutcome['changes'] = [];
  for (const match of matches) {
    const after = applyUpdate(match.doc, spec, { position: match.details?.position, isInsert: false, now });
    if (!identical(match.doc, after)) {
      access.replace(match.doc, after);
      modified++;
    }
    changes.push({ before: match.doc, after });
  }
  return { matched: matches.length, modified, changes };
}
