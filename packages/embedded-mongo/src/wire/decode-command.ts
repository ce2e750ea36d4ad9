import { Binary, Decimal128, Double, Long, MaxKey, MinKey, ObjectId, Timestamp, UUID } from 'bson';
import { isInt32Number, sameBytes, type Doc } from '../bson/values.js';

/**
 * A connection's last `lsid` and `$clusterTime`: a driver sends the same ones command after command, so a command
 * carrying the same bytes gets the value decoded before (nothing changes these values: commands only read them).
 */
export class RepeatedFields {
  readonly last = new Map<string, { bytes: Uint8Array; value: Doc }>();
}

const REPEATED = new Set(['lsid', '$clusterTime']);

/**
 * A command document decoded straight into the engine's representation: what `normalizeDoc(deserialize(bytes,
 * {promoteValues: false, bsonRegExp: true}))` gives, without the intermediate Int32/Double wrappers and bson's
 * per-call option handling, and with the connection's repeated fields reused. Only the types commands are made of are
 * decoded here; for anything else (a regex, a DBRef, code, a symbol, undefined, a `__proto__` key, an old-style
 * binary, a string bson would have to check, bytes that are not well-formed BSON) it returns undefined and the caller
 * decodes with bson, which also reports malformed input exactly as before.
 */
export function decodeCommand(bytes: Uint8Array, repeated?: RepeatedFields): Doc | undefined {
  const state: Cursor = { bytes, at: 0 };
  try {
    const doc = readDocument(state, bytes.length, repeated);
    return state.at === bytes.length ? doc : undefined;
  } catch (error) {
    if (error === NOT_HERE) return undefined;
    throw error;
  }
}

interface Cursor {
  bytes: Uint8Array;
  at: number;
}

/** Thrown (and caught above) when the input needs bson's own decoder. */
const NOT_HERE = Symbol('decode with bson');

const DBREF_KEY = /^\$ref$|^\$id$|^\$db$/;

function int32(bytes: Uint8Array, at: number): number {
  return (
    (bytes[at] as number) |
    ((bytes[at + 1] as number) << 8) |
    ((bytes[at + 2] as number) << 16) |
    ((bytes[at + 3] as number) << 24)
  );
}

function uint32(bytes: Uint8Array, at: number): number {
  return int32(bytes, at) >>> 0;
}

const float = new Float64Array(1);
const floatBytes = new Uint8Array(float.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A little-endian IEEE 754 double. */
function float64(bytes: Uint8Array, at: number): number {
  if (LITTLE_ENDIAN) for (let i = 0; i < 8; i++) floatBytes[i] = bytes[at + i] as number;
  else for (let i = 0; i < 8; i++) floatBytes[7 - i] = bytes[at + i] as number;
  return float[0] as number;
}

/**
 * Recently decoded ASCII names by a hash of their bytes: commands repeat the same few dozen names, and handing back
 * the same string saves making it (and V8 internalizing it as a property name) every time.
 */
const NAMES = new Array<string | undefined>(1024);

function cachedName(bytes: Uint8Array, start: number, end: number, hash: number): string {
  const slot = hash & 1023;
  const known = NAMES[slot];
  if (known !== undefined && known.length === end - start) {
    let same = true;
    for (let i = 0; i < known.length && same; i++) same = known.charCodeAt(i) === bytes[start + i];
    if (same) return known;
  }
  const name = String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
  NAMES[slot] = name;
  return name;
}

/** A name (key): bson decodes names without UTF-8 validation (invalid bytes become U+FFFD). */
function readName(state: Cursor, end: number): string {
  const { bytes } = state;
  const start = state.at;
  let ascii = true;
  let hash = 0x811c9dc5;
  let i = start;
  for (; i < end; i++) {
    const byte = bytes[i] as number;
    if (byte === 0) break;
    if (byte >= 0x80) ascii = false;
    hash = Math.imul(hash ^ byte, 0x01000193);
  }
  if (i >= end) throw NOT_HERE;
  state.at = i + 1;
  if (!ascii) return nodeUtf8(bytes, start, i);
  return i - start <= 32 ? cachedName(bytes, start, i, hash >>> 0) : nodeUtf8(bytes, start, i);
}

/** Decodes `bytes[start, end)` as UTF-8 the way Node does (invalid bytes become U+FFFD). */
function nodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
}

/**
 * A string value. bson validates values: a U+FFFD in the result may be invalid input (an error there) or a real
 * U+FFFD, so such a string is left to bson.
 */
function readString(state: Cursor, end: number): string {
  const { bytes } = state;
  const size = int32(bytes, state.at);
  const start = state.at + 4;
  if (size <= 0 || start + size > end || bytes[start + size - 1] !== 0) throw NOT_HERE;
  state.at = start + size;
  const last = start + size - 1;
  if (size <= 24) {
    let value = '';
    for (let c = start; c < last; c++) {
      const byte = bytes[c] as number;
      if (byte >= 0x80) return checkedUtf8(bytes, start, last);
      value += String.fromCharCode(byte);
    }
    return value;
  }
  return checkedUtf8(bytes, start, last);
}

function checkedUtf8(bytes: Uint8Array, start: number, end: number): string {
  const value = nodeUtf8(bytes, start, end);
  if (value.includes('\uFFFD')) throw NOT_HERE;
  return value;
}

function readDocument(state: Cursor, limit: number, repeated?: RepeatedFields): Doc {
  const doc: Doc = {};
  const end = documentEnd(state, limit);
  let possibleDbRef: boolean | null = null;
  while (state.at < end) {
    const type = state.bytes[state.at++] as number;
    const name = readName(state, end);
    if (name === '__proto__') throw NOT_HERE;
    if (possibleDbRef !== false && name.charCodeAt(0) === 0x24) possibleDbRef = DBREF_KEY.test(name);
    if (repeated && type === 0x03 && REPEATED.has(name)) doc[name] = readRepeated(state, name, end, repeated);
    else doc[name] = readValue(state, type, end);
  }
  state.at = end + 1;
  // bson turns a document whose $-names are only $ref, $id and $db, with a string $ref and an $id, into a DBRef.
  if (possibleDbRef === true && '$ref' in doc && '$id' in doc) throw NOT_HERE;
  return doc;
}

/** A top-level `lsid` or `$clusterTime`: the connection's last value when the bytes are the same. */
function readRepeated(state: Cursor, name: string, end: number, repeated: RepeatedFields): Doc {
  const start = state.at;
  const known = repeated.last.get(name);
  if (known && start + 4 <= end) {
    const valueEnd = start + int32(state.bytes, start);
    if (valueEnd <= end && sameBytes(known.bytes, state.bytes, start, valueEnd)) {
      state.at = valueEnd;
      return known.value;
    }
  }
  state.at = documentEnd(state, end) + 1;
  // Kept for the connection's next commands, so decoded from a copy of its own bytes: a value decoded from the
  // message would hold views into it (a session id's Binary) and so keep a whole message alive. (A copy: on a
  // Buffer, which the message is, `slice` would be another view.)
  const bytes = new Uint8Array(state.bytes.subarray(start, state.at));
  const value = readDocument({ bytes, at: 0 }, bytes.length);
  repeated.last.set(name, { bytes, value });
  return value;
}

function readArray(state: Cursor, limit: number): unknown[] {
  const array: unknown[] = [];
  const end = documentEnd(state, limit);
  while (state.at < end) {
    const type = state.bytes[state.at++] as number;
    let i = state.at;
    while (i < end && state.bytes[i] !== 0) i++;
    if (i >= end) throw NOT_HERE;
    state.at = i + 1;
    array.push(readValue(state, type, end));
  }
  state.at = end + 1;
  return array;
}

/** Where the document starting at the cursor ends (its terminating zero), checked against `limit`. */
function documentEnd(state: Cursor, limit: number): number {
  if (state.at + 5 > limit) throw NOT_HERE;
  const size = int32(state.bytes, state.at);
  const last = state.at + size - 1;
  if (size < 5 || last >= limit || state.bytes[last] !== 0) throw NOT_HERE;
  state.at += 4;
  return last;
}

function need(state: Cursor, size: number, end: number): number {
  const at = state.at;
  if (at + size > end) throw NOT_HERE;
  state.at = at + size;
  return at;
}

function readValue(state: Cursor, type: number, end: number): unknown {
  const { bytes } = state;
  switch (type) {
    case 0x01: {
      // double: a Double wrapper only where a JS number would come back as an int32 (see normalizeValue)
      const value = float64(bytes, need(state, 8, end));
      return isInt32Number(value) || Object.is(value, -0) ? new Double(value) : value;
    }
    case 0x02:
      return readString(state, end);
    case 0x03:
      return readDocument(state, end);
    case 0x04:
      return readArray(state, end);
    case 0x05: {
      const at = need(state, 5, end);
      const size = int32(bytes, at);
      const subType = bytes[at + 4] as number;
      if (size < 0 || subType === Binary.SUBTYPE_BYTE_ARRAY) throw NOT_HERE;
      const start = need(state, size, end);
      const binary = new Binary(bytes.subarray(start, start + size), subType);
      return subType === Binary.SUBTYPE_UUID && UUID.isValid(binary) ? binary.toUUID() : binary;
    }
    case 0x07: {
      const at = need(state, 12, end);
      return new ObjectId(bytes.subarray(at, at + 12));
    }
    case 0x08: {
      const value = bytes[need(state, 1, end)];
      if (value !== 0 && value !== 1) throw NOT_HERE;
      return value === 1;
    }
    case 0x09: {
      const at = need(state, 8, end);
      return new Date(new Long(int32(bytes, at), int32(bytes, at + 4)).toNumber());
    }
    case 0x0a:
      return null;
    case 0x10:
      return int32(bytes, need(state, 4, end));
    case 0x11: {
      const at = need(state, 8, end);
      return new Timestamp({ i: uint32(bytes, at), t: uint32(bytes, at + 4) });
    }
    case 0x12: {
      const at = need(state, 8, end);
      return new Long(int32(bytes, at), int32(bytes, at + 4));
    }
    case 0x13: {
      const at = need(state, 16, end);
      return new Decimal128(Buffer.from(bytes.subarray(at, at + 16)));
    }
    case 0x7f:
      return new MaxKey();
    case 0xff:
      return new MinKey();
    default:
      // undefined, regular expression, DBPointer, code, symbol, code with scope
      throw NOT_HERE;
  }
}
