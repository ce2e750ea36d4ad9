import { isPlainObject, type Doc } from '../bson/values.js';
import { fail } from '../errors.js';
import { evaluateTyped } from '../update/typed-expression.js';
import { computeOptions } from './expressions.js';

/** MongoDB's rule for user variable names: a lower-case letter (or non-ASCII) first, then letters, digits, '_'. */
function checkVariableName(name: string): void {
  if (name.length === 0) fail(16869, 'empty variable names are not allowed');
  const first = name.charCodeAt(0);
  if (!((first >= 97 && first <= 122) || first >= 128)) {
    fail(16870, `'${name}' starts with an invalid character for a user variable name`);
  }
  for (const c of name) {
    const code = c.charCodeAt(0);
    const ok = (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || c === '_';
    if (!ok && code < 128) fail(16871, `'${name}' contains an invalid character for a variable name: '${c}'`);
  }
}

/** True when an expression reads a document field (`'$a'`), which a command's `let` cannot: no document exists yet. */
function readsField(expr: unknown): boolean {
  if (typeof expr === 'string') return expr.startsWith('$') && !expr.startsWith('$$');
  if (Array.isArray(expr)) return expr.some(readsField);
  if (!isPlainObject(expr)) return false;
  return Object.entries(expr).some(([key, value]) => key !== '$literal' && readsField(value));
}

/**
 * Evaluates a command's `let` document once, before any document is read, as MongoDB does: each value is an
 * aggregation expression (`{$literal: 'x'}` is 'x', `'$$NOW'` the time of the command). Values keep their BSON
 * types; `strict` (writes) refuses a number computed by an operator the engine cannot type, like pipeline updates.
 */
export function evaluateLet(spec: Doc | undefined, strict: boolean): Doc | undefined {
  if (spec === undefined) return undefined;
  const out: Doc = {};
  const scope = { root: {}, variables: {}, options: computeOptions(), lenient: !strict };
  for (const [name, expr] of Object.entries(spec)) {
    checkVariableName(name);
    if (readsField(expr)) {
      fail(
        4890500,
        'Command let Expression tried to access a field, but this is not allowed because command let expressions run before the query examines any documents.',
      );
    }
    out[name] = evaluateTyped(expr, scope);
  }
  return out;
}
