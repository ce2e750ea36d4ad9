import { canonicalKey } from '../bson/canonical-key.js';
import { compareObjectsBy, compareValues } from '../bson/compare.js';
import { bsonTag, isNumeric, isPlainObject, toNumber, typeRank, type Doc } from '../bson/values.js';
import { ErrorCode, fail, notSupported } from '../errors.js';

/**
 * MongoDB collations (ICU) on top of `Intl.Collator` (Node's full ICU). Implemented: the locales `en`, `en_US` and
 * `root` (all three are ICU's root collation), strength 1–3, `caseLevel`, `caseFirst`, `numericOrdering`, `alternate:
 * 'shifted'` with `maxVariable: 'punct'`, `normalization`. Refused with 238 naming the option: other locales, strength
 * 4 and 5, `backwards: true`, `maxVariable: 'space'` with `shifted`. `undefined` stands for the simple (binary)
 * collation everywhere.
 */

/** The ICU version MongoDB reports in a collation's `version` (the server pins ICU 57.1). */
export const COLLATION_VERSION = '57.1';

const FIELDS = new Set([
  'locale',
  'caseLevel',
  'caseFirst',
  'strength',
  'numericOrdering',
  'alternate',
  'maxVariable',
  'normalization',
  'backwards',
  'version',
]);

/** Locales whose rules are ICU's root collation, which `Intl.Collator('en')` implements. */
const ROOT_LOCALES = new Set(['en', 'en_US', 'root']);

// Combining marks (after NFD) that have a secondary weight of their own, distinct from every other mark's: a string
// made of printable ASCII and letters carrying these marks has an exact collation key (see stringKey). Checked
// against Intl.Collator by collation.test.ts.
const KEYED_MARKS =
  '\u0300-\u030c\u030f-\u0311\u0313\u0314\u031b\u0321-\u0328\u032d\u032e\u0330-\u0332\u0334\u0335\u0338\u0339\u0342\u0345\u0358\u0360\u0361';
const KEYED_MARK = new RegExp(`[${KEYED_MARKS}]`);
const KEYED_MARKS_ALL = new RegExp(`[${KEYED_MARKS}]`, 'g');
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const ASCII_LETTER = /[A-Za-z]/;
const DIGITS = /\d+/g;
// ASCII characters that `alternate: 'shifted'` (maxVariable 'punct') ignores.
const VARIABLE_ASCII = /[ !"#%&'()*,\-./:;?@[\\\]_{}]/g;
const MAX_KEYED_DIGITS = 200;

function wrongType(field: string, value: unknown, expected: string): never {
  const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return fail(
    ErrorCode.TypeMismatch,
    `BSON field '${field}' is the wrong type '${actual}', expected type '${expected}'`,
  );
}

function boolOption(raw: Doc, field: string, prefix: string): boolean {
  const value = raw[field];
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (isNumeric(value)) return toNumber(value) !== 0;
  return wrongType(`${prefix}.${field}`, value, 'bool');
}

function enumOption<T extends string>(raw: Doc, field: string, prefix: string, allowed: readonly T[], fallback: T): T {
  const value = raw[field];
  if (value === undefined) return fallback;
  if (typeof value !== 'string') wrongType(`${prefix}.${field}`, value, 'string');
  if (!(allowed as readonly string[]).includes(value)) {
    fail(ErrorCode.BadValue, `Enumeration value '${value}' for field '${prefix}.${field}' is not a valid value.`);
  }
  return value as T;
}

function describe(doc: Doc): string {
  const parts = Object.entries(doc).map(([k, v]) => `${k}: ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`);
  return `{ ${parts.join(', ')} }`;
}

/** True when a locale id is one ICU knows in exactly this spelling (as mongod requires: `EN` or `en-US` are not). */
function knownLocale(locale: string): boolean {
  try {
    const [resolved] = Intl.Collator.supportedLocalesOf(locale.replace(/_/g, '-'));
    return resolved !== undefined && resolved.replace(/-/g, '_') === locale;
  } catch {
    return false;
  }
}

/** A non-simple collation: string comparison, collation keys and the spec MongoDB reports. */
export class Collation {
  /** The collation with every option filled in, as listIndexes/listCollections report it. */
  readonly spec: Doc;
  /** Equal for two collations exactly when MongoDB considers them the same (same locale spelling and options). */
  readonly id: string;
  readonly strength: number;
  readonly caseSensitive: boolean;
  private readonly numeric: boolean;
  private readonly shifted: boolean;
  private readonly collators: Intl.Collator[];
  readonly compareStrings: (a: string, b: string) => number;

  constructor(spec: Doc) {
    this.spec = spec;
    this.id = JSON.stringify(spec);
    this.strength = spec.strength as number;
    const caseLevel = spec.caseLevel === true;
    this.caseSensitive = this.strength >= 3 || caseLevel;
    this.numeric = spec.numericOrdering === true;
    this.shifted = spec.alternate === 'shifted';
    const base: Intl.CollatorOptions = {
      usage: 'sort',
      numeric: this.numeric,
      ignorePunctuation: this.shifted,
      caseFirst: spec.caseFirst === 'off' ? 'false' : (spec.caseFirst as 'upper' | 'lower'),
    };
    const make = (sensitivity: Intl.CollatorOptions['sensitivity']) =>
      new Intl.Collator('en', { ...base, sensitivity });
    if (!caseLevel) {
      const only = make(this.strength === 1 ? 'base' : this.strength === 2 ? 'accent' : 'variant');
      this.collators = [only];
      this.compareStrings = only.compare;
    } else if (this.strength === 1) {
      const only = make('case');
      this.collators = [only];
      this.compareStrings = only.compare;
    } else {
      // ICU's case level sits between the secondary and the tertiary level; Intl has no option for it beyond
      // strength 1 ('case'), so the levels are compared one after the other.
      const secondary = make('accent');
      const caseOnly = make('case');
      const tertiary = this.strength >= 3 ? make('variant') : undefined;
      this.collators = tertiary ? [secondary, caseOnly, tertiary] : [secondary, caseOnly];
      this.compareStrings = (a, b) =>
        secondary.compare(a, b) || caseOnly.compare(a, b) || (tertiary ? tertiary.compare(a, b) : 0);
    }
  }

  /**
   * A string equal for two keyed strings exactly when they compare equal under this collation, or undefined when the
   * string is outside what keys are derived for (printable ASCII, plus letters carrying combining marks that have a
   * secondary weight of their own). Callers compare unkeyed strings with compareStrings.
   */
  stringKey(value: string): string | undefined {
    let text = value;
    if (!PRINTABLE_ASCII.test(text)) {
      text = text.normalize('NFD');
      for (let i = 0; i < text.length; i++) {
        const unit = text.charCodeAt(i);
        if (unit >= 0x20 && unit <= 0x7e) continue;
        // A mark must sit on a letter (or on marks on a letter): on a digit or punctuation it may be ignored with it.
        if (!KEYED_MARK.test(text[i] as string)) return undefined;
        let j = i - 1;
        while (j >= 0 && KEYED_MARK.test(text[j] as string)) j--;
        if (j < 0 || !ASCII_LETTER.test(text[j] as string)) return undefined;
      }
      if (this.strength === 1) text = text.replace(KEYED_MARKS_ALL, '');
    }
    if (!this.caseSensitive) text = text.toLowerCase();
    if (this.shifted) text = text.replace(VARIABLE_ASCII, '');
    if (this.numeric) {
      let tooLong = false;
      text = text.replace(DIGITS, (run) => {
        if (run.length > MAX_KEYED_DIGITS) tooLong = true;
        const trimmed = run.replace(/^0+/, '');
        return trimmed.length === 0 ? '0' : trimmed;
      });
      if (tooLong) return undefined;
    }
    return text;
  }
}

const BY_SPEC = new WeakMap<object, Collation>();
const BY_ID = new Map<string, Collation>();

/**
 * Parses a `collation` document (of a command, an index or a collection). Returns undefined for the simple collation
 * (`{locale: 'simple'}` or no collation), fails like mongod on a malformed document and with 238 on options the
 * engine does not implement.
 */
export function parseCollation(raw: unknown, field = 'collation'): Collation | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isPlainObject(raw)) return wrongType(field, raw, 'object');
  const cached = BY_SPEC.get(raw);
  if (cached) return cached;
  if (raw.locale === undefined) fail(40414, `BSON field '${field}.locale' is missing but a required field`);
  const locale = raw.locale;
  if (typeof locale !== 'string') wrongType(`${field}.locale`, locale, 'string');
  for (const key of Object.keys(raw)) {
    if (!FIELDS.has(key)) fail(40415, `BSON field '${field}.${key}' is an unknown field.`);
  }
  if (locale === 'simple') {
    if (Object.keys(raw).length > 1) {
      fail(ErrorCode.FailedToParse, `If locale=simple, no other fields should be present in: ${describe(raw)}`);
    }
    return undefined;
  }
  if (locale.length === 0) fail(ErrorCode.BadValue, `Field 'locale' cannot be the empty string in: ${describe(raw)}`);
  if (!ROOT_LOCALES.has(locale)) {
    // `de@collation=phonebook`: a variant of a locale ICU knows.
    if (!knownLocale(locale.split('@')[0] as string)) {
      fail(ErrorCode.BadValue, `Field 'locale' is invalid in: ${describe(raw)}`);
    }
    notSupported(`the collation locale '${locale}' (implemented: 'simple', 'en', 'en_US', 'root')`);
  }
  let strength = 3;
  if (raw.strength !== undefined) {
    if (!isNumeric(raw.strength)) wrongType(`${field}.strength`, raw.strength, 'int');
    strength = Math.trunc(toNumber(raw.strength));
    if (strength < 1) fail(51024, `BSON field 'strength' value must be >= 1, actual value '${strength}'`);
    if (strength > 5) fail(51024, `BSON field 'strength' value must be <= 5, actual value '${strength}'`);
  }
  const spec: Doc = {
    locale,
    caseLevel: boolOption(raw, 'caseLevel', field),
    caseFirst: enumOption(raw, 'caseFirst', field, ['upper', 'lower', 'off'], 'off'),
    strength,
    numericOrdering: boolOption(raw, 'numericOrdering', field),
    alternate: enumOption(raw, 'alternate', field, ['non-ignorable', 'shifted'], 'non-ignorable'),
    maxVariable: enumOption(raw, 'maxVariable', field, ['punct', 'space'], 'punct'),
    normalization: boolOption(raw, 'normalization', field),
    backwards: boolOption(raw, 'backwards', field),
    version: COLLATION_VERSION,
  };
  if (raw.version !== undefined) {
    if (typeof raw.version !== 'string') wrongType(`${field}.version`, raw.version, 'string');
    if (raw.version !== COLLATION_VERSION) {
      fail(
        161, // IncompatibleCollationVersion
        `Requested collation version ${raw.version} but the only available collator version was ${COLLATION_VERSION}. Requested collation spec: ${describe(raw)}`,
      );
    }
  }
  if (spec.backwards && strength === 1) {
    fail(ErrorCode.BadValue, `'backwards' is invalid with 'strength' of 1 in: ${describe(spec)}`);
  }
  if (spec.caseFirst !== 'off' && !spec.caseLevel && strength < 3) {
    fail(
      ErrorCode.BadValue,
      `'caseFirst' is invalid unless 'caseLevel' is on or 'strength' is greater than 2 in: ${describe(spec)}`,
    );
  }
  if (strength > 3) notSupported(`collation strength ${strength} (implemented: 1, 2 and 3)`);
  if (spec.backwards) notSupported(`the collation option backwards: true`);
  if (spec.alternate === 'shifted' && spec.maxVariable === 'space') {
    notSupported(`the collation option maxVariable: 'space' with alternate: 'shifted'`);
  }
  const id = JSON.stringify(spec);
  let collation = BY_ID.get(id);
  if (!collation) {
    collation = new Collation(spec);
    BY_ID.set(id, collation);
    BY_SPEC.set(collation.spec, collation);
  }
  BY_SPEC.set(raw, collation);
  return collation;
}

/** True when two collations (undefined: simple) are the same collation. */
export function sameCollation(a: Collation | undefined, b: Collation | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.id === b.id);
}

/** True when a value holds a string anywhere (only such values compare differently under a collation). */
export function containsString(value: unknown): boolean {
  if (typeof value === 'string') return true;
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(containsString);
  if (bsonTag(value) === 'BSONSymbol') return true;
  if (!isPlainObject(value)) return false;
  for (const key in value) if (containsString(value[key])) return true;
  return false;
}

function compareObjectsWith(a: Doc, b: Doc, collation: Collation): number {
  return compareObjectsBy(a, b, (x, y) => compareCollated(x, y, collation));
}

/** MongoDB's order over BSON values with strings (also inside arrays and documents) compared by a collation. */
export function compareCollated(a: unknown, b: unknown, collation: Collation): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 4:
      return Math.sign(collation.compareStrings(String(a), String(b)));
    case 5:
      return compareObjectsWith(a as Doc, b as Doc, collation);
    case 6: {
      const x = a as unknown[];
      const y = b as unknown[];
      const length = Math.min(x.length, y.length);
      for (let i = 0; i < length; i++) {
        const d = compareCollated(x[i], y[i], collation);
        if (d !== 0) return d;
      }
      return x.length - y.length;
    }
    default:
      return compareValues(a, b);
  }
}

/** The comparison of an operation: MongoDB's BSON order, with strings under the collation when there is one. */
export function comparatorFor(collation: Collation | undefined): (a: unknown, b: unknown) => number {
  if (!collation) return compareValues;
  return (a, b) => compareCollated(a, b, collation);
}

/**
 * A hash key equal for two values exactly when they are equal under the collation, or undefined when some string in
 * the value has no derivable key. Values without strings get their canonicalKey, so index keys of numbers, dates,
 * ObjectIds… are the same whatever the index's collation.
 */
export function collationKey(value: unknown, collation: Collation | undefined): string | undefined {
  if (!collation) return canonicalKey(value);
  if (typeof value === 'string') {
    const key = collation.stringKey(value);
    return key === undefined ? undefined : `c${key.length}:${key}`;
  }
  if (value === null || typeof value !== 'object') return canonicalKey(value);
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (const element of value) {
      const key = collationKey(element, collation);
      if (key === undefined) return undefined;
      parts.push(key);
    }
    return `[${parts.join(',')}]`;
  }
  if (bsonTag(value) === 'BSONSymbol') return collationKey(String(value), collation);
  if (!isPlainObject(value)) return canonicalKey(value);
  let out = '{';
  for (const [field, v] of Object.entries(value)) {
    const key = collationKey(v, collation);
    if (key === undefined) return undefined;
    out += `${field.length}:${field}=${key};`;
  }
  return `${out}}`;
}

/**
 * Values grouped by equality under a collation (distinct, $group keys, $addToSet, $in, joins): a hash map for keyed
 * values, and a list compared one by one for values whose strings have no key.
 */
export class CollatedMap<T> {
  private readonly keyed = new Map<string, { value: unknown; item: T }>();
  private readonly loose: Array<{ value: unknown; item: T }> = [];
  private readonly order: Array<{ value: unknown; item: T }> = [];
  private readonly collation: Collation | undefined;

  constructor(collation: Collation | undefined) {
    this.collation = collation;
  }

  get size(): number {
    return this.order.length;
  }

  private equal(a: unknown, b: unknown): boolean {
    return this.collation ? compareCollated(a, b, this.collation) === 0 : compareValues(a, b) === 0;
  }

  /** The entry for a value equal to `value` under the collation. */
  find(value: unknown): { value: unknown; item: T } | undefined {
    const key = collationKey(value, this.collation);
    if (key !== undefined) {
      const hit = this.keyed.get(key);
      if (hit) return hit;
    } else {
      for (const entry of this.keyed.values()) if (this.equal(entry.value, value)) return entry;
    }
    for (const entry of this.loose) if (this.equal(entry.value, value)) return entry;
    return undefined;
  }

  get(value: unknown): T | undefined {
    return this.find(value)?.item;
  }

  /** The item of the value's group, created by `make` (and keyed by this first value) when there is none. */
  getOrAdd(value: unknown, make: () => T): T {
    const found = this.find(value);
    if (found) return found.item;
    const entry = { value, item: make() };
    const key = collationKey(value, this.collation);
    if (key !== undefined) this.keyed.set(key, entry);
    else this.loose.push(entry);
    this.order.push(entry);
    return entry.item;
  }

  /** Entries in insertion order (each keyed by the first value of its group). */
  entries(): ReadonlyArray<{ value: unknown; item: T }> {
    return this.order;
  }
}

/** The collation mingo options carry (`options.collation` holds the spec of a parsed collation). */
export function collationOfOptions(options: unknown): Collation | undefined {
  const spec = (options as { collation?: unknown } | undefined)?.collation;
  return spec && typeof spec === 'object' ? BY_SPEC.get(spec) : undefined;
}
