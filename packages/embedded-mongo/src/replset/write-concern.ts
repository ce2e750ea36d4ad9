import { isNumeric, isPlainObject, toNumber, type Doc } from '../bson/values.js';
import { ErrorCode, codeNameOf } from '../errors.js';

/**
 * The `writeConcernError` a one-member replica set reports after applying a write whose write concern it cannot
 * satisfy, or undefined. `w: 0`, `w: 1` and `w: 'majority'` (with any `j`/`wtimeout`) are satisfied by the one node
 * once the write is journaled; `w` greater than one asks for members that do not exist (100 UnsatisfiableWriteConcern),
 * and any other string names a tag set the configuration does not define (79 UnknownReplWriteConcern). As on MongoDB
 * the write itself stays applied and the command answers `ok: 1`.
 */
export function writeConcernError(writeConcern: unknown): Doc | undefined {
  if (!isPlainObject(writeConcern)) return undefined;
  const w = writeConcern.w;
  let code: number;
  let errmsg: string;
  if (isNumeric(w) && toNumber(w) > 1) {
    code = ErrorCode.UnsatisfiableWriteConcern;
    errmsg = 'Not enough data-bearing nodes';
  } else if (typeof w === 'string' && w !== 'majority') {
    code = ErrorCode.UnknownReplWriteConcern;
    errmsg = `No write concern mode named '${w}' found in replica set configuration`;
  } else {
    return undefined;
  }
  return {
    code,
    codeName: codeNameOf(code),
    errmsg,
    errInfo: { writeConcern: { ...writeConcern, provenance: 'clientSupplied' } },
  };
}
