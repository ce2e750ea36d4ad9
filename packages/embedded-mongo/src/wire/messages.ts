import { deserialize, serialize, type Long } from 'bson';
import { normalizeDoc } from '../bson/normalize.js';
import { bsonTag, isLong, isPlainObject, type Doc } from '../bson/values.js';
import { ErrorCode, MongoCommandError } from '../errors.js';
import { decodeCommand, type RepeatedFields } from './decode-command.js';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

export const MSG_CHECKSUM_PRESENT = 1 << 0;
export const MSG_MORE_TO_COME = 1 << 1;

/** The 16-byte header every wire message starts with. */
export interface MessageHeader {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

/** A command decoded from OP_MSG or OP_QUERY. */
export interface CommandRequest {
  header: MessageHeader;
  /** The command document with kind-1 sequences merged in (`documents`, `updates`, `deletes`, ...). */
  body: Doc;
  /** Database from `$db` (OP_MSG) or the `<db>.$cmd` namespace (OP_QUERY). */
  db: string;
  /** True for legacy OP_QUERY (answered with OP_REPLY). */
  legacy: boolean;
  /** The client asked for no reply (OP_MSG moreToCome, e.g. w:0 writes). */
  moreToCome: boolean;
}

export function readHeader(buffer: Buffer): MessageHeader {
  return {
    length: buffer.readInt32LE(0),
    requestId: buffer.readInt32LE(4),
    responseTo: buffer.readInt32LE(8),
    opCode: buffer.readInt32LE(12),
  };
}

/**
 * A document of a message in the engine's representation: decodeCommand's direct decoding, or bson's (then
 * normalizeDoc) for what decodeCommand leaves to it, including every malformed input.
 */
function decodeDocument(
  buffer: Buffer,
  offset: number,
  repeated?: RepeatedFields,
  limit = buffer.length,
): { doc: Doc; end: number } {
  if (offset + 4 > limit) throw new MongoCommandError(ErrorCode.FailedToParse, 'truncated BSON document in message');
  const size = buffer.readInt32LE(offset);
  if (size < 5 || offset + size > limit) {
    throw new MongoCommandError(ErrorCode.FailedToParse, 'invalid BSON document length in message');
  }
  const bytes = buffer.subarray(offset, offset + size);
  const doc =
    decodeCommand(bytes, repeated) ?? normalizeDoc(deserialize(bytes, { promoteValues: false, bsonRegExp: true }));
  return { doc, end: offset + size };
}

function readCString(buffer: Buffer, offset: number): { value: string; end: number } {
  const zero = buffer.indexOf(0, offset);
  if (zero < 0) throw new MongoCommandError(ErrorCode.FailedToParse, 'unterminated string in message');
  return { value: buffer.toString('utf8', offset, zero), end: zero + 1 };
}

/**
 * Decodes an OP_MSG: flag bits, a kind-0 body and any kind-1 document sequences. `repeated` (the connection's) gives
 * the body the session id and cluster time decoded before when their bytes are the same.
 */
export function parseOpMsg(message: Buffer, header: MessageHeader, repeated?: RepeatedFields): CommandRequest {
  const flags = message.readUInt32LE(16);
  const required = flags & 0xffff;
  if (required & ~(MSG_CHECKSUM_PRESENT | MSG_MORE_TO_COME)) {
    throw new MongoCommandError(ErrorCode.IllegalOpMsgFlag, `Unrecognized OP_MSG flags: ${flags.toString(16)}`);
  }
  const end = flags & MSG_CHECKSUM_PRESENT ? message.length - 4 : message.length;
  let offset = 20;
  let body: Doc | undefined;
  const sequences: Array<[string, Doc[]]> = [];
  while (offset < end) {
    const kind = message.readUInt8(offset);
    offset += 1;
    if (kind === 0) {
      const decoded = decodeDocument(message, offset, repeated, end);
      body = decoded.doc;
      offset = decoded.end;
    } else if (kind === 1) {
      // Every length is checked against what holds it: a negative or oversized one would otherwise send the
      // offset backwards or past the message (a section claiming -1 bytes looped forever on its own kind byte).
      const size = offset + 4 <= end ? message.readInt32LE(offset) : -1;
      const sectionEnd = offset + size;
      if (size < 5 || sectionEnd > end) {
        throw new MongoCommandError(ErrorCode.FailedToParse, 'invalid OP_MSG document sequence length');
      }
      const id = readCString(message, offset + 4);
      if (id.end > sectionEnd) throw new MongoCommandError(ErrorCode.FailedToParse, 'unterminated sequence identifier');
      const docs: Doc[] = [];
      let at = id.end;
      while (at < sectionEnd) {
        const decoded = decodeDocument(message, at, undefined, sectionEnd);
        docs.push(decoded.doc);
        at = decoded.end;
      }
      sequences.push([id.value, docs]);
      offset = sectionEnd;
    } else {
      throw new MongoCommandError(ErrorCode.FailedToParse, `Unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new MongoCommandError(ErrorCode.FailedToParse, 'OP_MSG without a body section');
  for (const [id, docs] of sequences) body[id] = docs;
  const db = typeof body.$db === 'string' ? body.$db : '';
  return { header, body, db, legacy: false, moreToCome: (flags & MSG_MORE_TO_COME) !== 0 };
}

/** Decodes a legacy OP_QUERY (only used for the handshake by modern drivers). */
export function parseOpQuery(message: Buffer, header: MessageHeader): CommandRequest {
  const ns = readCString(message, 20);
  const query = decodeDocument(message, ns.end + 8);
  let body = query.doc;
  // Old shells wrap the command as {$query: {...}, $readPreference: ...}.
  if (body.$query && typeof body.$query === 'object') body = body.$query as Doc;
  const dot = ns.value.indexOf('.');
  const db = dot > 0 ? ns.value.slice(0, dot) : ns.value;
  return { header, body, db, legacy: true, moreToCome: false };
}

let nextRequestId = 1;

/** True when `doc`'s own keys are exactly `names`, in that order (what bson would encode, in its order). */
function hasKeys(doc: Doc, names: readonly string[]): boolean {
  let i = 0;
  for (const key in doc) if (key !== names[i++]) return false;
  return i === names.length;
}

/** A plain document (no bson class, DBRef included: bson encodes those by their own rules). */
function isDocument(value: unknown): value is Doc {
  return isPlainObject(value) && bsonTag(value) === undefined;
}

/** An element's type byte and its name (a C string). */
function element(type: number, name: string): Uint8Array {
  return Uint8Array.from([type, ...Buffer.from(name, 'latin1'), 0]);
}

const CURSOR_ELEMENT = element(0x03, 'cursor');
const FIRST_BATCH_ELEMENT = element(0x04, 'firstBatch');
const NEXT_BATCH_ELEMENT = element(0x04, 'nextBatch');
const FIRST_ITEM_ELEMENT = element(0x03, '0');
const ID_ELEMENT = element(0x12, 'id');
const NS_ELEMENT = element(0x02, 'ns');
const OK_ELEMENT = element(0x10, 'ok');

/** Copies `bytes` into `message` at `at` and returns the position after them. */
function put(message: Buffer, at: number, bytes: Uint8Array): number {
  if (bytes.length < 16) for (let i = 0; i < bytes.length; i++) message[at + i] = bytes[i] as number;
  else message.set(bytes, at);
  return at + bytes.length;
}

const BATCH_KEYS = { firstBatch: ['firstBatch', 'id', 'ns'], nextBatch: ['nextBatch', 'id', 'ns'] } as const;
const CURSOR_REPLY_KEYS = ['cursor', 'ok'];

/**
 * A reply body that knows its size before it is written: a one-document cursor batch (`{cursor: {firstBatch: [doc],
 * id, ns}, ok: 1}`, what a lookup by _id or unique key answers) is written around the document's own encoding, byte
 * for byte what bson would produce for the whole reply, without walking the cursor and array wrappers; anything else
 * is bson's encoding of the whole reply.
 */
interface ReplyBody {
  length: number;
  write(message: Buffer, at: number): void;
}

function singleDocumentBatch(reply: Doc): ReplyBody | undefined {
  if (reply.ok !== 1 || !hasKeys(reply, CURSOR_REPLY_KEYS) || !isPlainObject(reply.cursor)) return undefined;
  const cursor = reply.cursor;
  const batchName = Array.isArray(cursor.firstBatch) ? 'firstBatch' : 'nextBatch';
  const batch = cursor[batchName];
  if (!Array.isArray(batch) || batch.length !== 1 || !hasKeys(cursor, BATCH_KEYS[batchName])) return undefined;
  const [doc] = batch as unknown[];
  const { id, ns } = cursor;
  if (!isDocument(doc) || !isLong(id) || typeof ns !== 'string') return undefined;
  const encoded = serialize(doc);
  const nsBytes = Buffer.byteLength(ns);
  const arrayLength = 4 + 1 + 2 + encoded.length + 1; // {"0": doc}
  const cursorLength = 4 + (1 + batchName.length + 1 + arrayLength) + (1 + 3 + 8) + (1 + 3 + 4 + nsBytes + 1) + 1;
  const length = 4 + (1 + 7 + cursorLength) + (1 + 3 + 4) + 1;
  return {
    length,
    write(message, at) {
      let i = at;
      message.writeInt32LE(length, i);
      i = put(message, i + 4, CURSOR_ELEMENT); // type 0x03 and name: the cursor document
      message.writeInt32LE(cursorLength, i);
      i = put(message, i + 4, batchName === 'firstBatch' ? FIRST_BATCH_ELEMENT : NEXT_BATCH_ELEMENT);
      message.writeInt32LE(arrayLength, i);
      i = put(message, i + 4, FIRST_ITEM_ELEMENT); // the array's "0": the document
      i = put(message, i, encoded);
      message[i++] = 0; // end of the array
      i = put(message, i, ID_ELEMENT);
      message.writeInt32LE((id as Long).low, i);
      message.writeInt32LE((id as Long).high, i + 4);
      i = put(message, i + 8, NS_ELEMENT);
      message.writeInt32LE(nsBytes + 1, i);
      i += 4;
      if (nsBytes === ns.length)
        for (let c = 0; c < nsBytes; c++) message[i + c] = ns.charCodeAt(c); // ASCII
      else message.write(ns, i, 'utf8');
      i += nsBytes;
      message[i++] = 0;
      message[i++] = 0; // end of the cursor
      i = put(message, i, OK_ELEMENT);
      message.writeInt32LE(1, i);
      message[i + 4] = 0; // end of the reply
    },
  };
}

function replyBody(reply: Doc): ReplyBody {
  const single = singleDocumentBatch(reply);
  if (single) return single;
  const encoded = serialize(reply);
  return { length: encoded.length, write: (message, at) => message.set(encoded, at) };
}

/**
 * One reply message in a single buffer: the 16-byte header, `prefix` bytes of opcode-specific fields (written by
 * `fill`), then the reply document with `trailer` (already encoded BSON elements, e.g. the cluster time) spliced in
 * before its terminating zero.
 */
function replyMessage(
  reply: Doc,
  responseTo: number,
  opCode: number,
  prefix: number,
  trailer: Uint8Array | undefined,
  fill: (message: Buffer) => void,
): Buffer {
  const body = replyBody(reply);
  const extra = trailer?.length ?? 0;
  const start = 16 + prefix;
  const message = Buffer.allocUnsafe(start + body.length + extra);
  message.writeInt32LE(message.length, 0);
  message.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  message.writeInt32LE(responseTo, 8);
  message.writeInt32LE(opCode, 12);
  fill(message);
  body.write(message, start);
  if (trailer && extra > 0) {
    const end = start + body.length - 1;
    message.set(trailer, end);
    message[end + extra] = 0;
    message.writeInt32LE(body.length + extra, start);
  }
  return message;
}

function opMsgFields(message: Buffer): void {
  message.writeUInt32LE(0, 16); // flagBits
  message[20] = 0; // section kind 0: the body
}

function opReplyFields(message: Buffer): void {
  message.writeInt32LE(8, 16); // responseFlags: AwaitCapable, as mongod sets it
  message.writeBigInt64LE(0n, 20); // cursorID
  message.writeInt32LE(0, 28); // startingFrom
  message.writeInt32LE(1, 32); // numberReturned
}

/** Encodes a reply as OP_MSG with a single kind-0 section; `trailer` holds encoded fields appended to the body. */
export function encodeOpMsg(reply: Doc, responseTo: number, trailer?: Uint8Array): Buffer {
  return replyMessage(reply, responseTo, OP_MSG, 5, trailer, opMsgFields);
}

/** Encodes a reply as legacy OP_REPLY (the answer to an OP_QUERY handshake). */
export function encodeOpReply(reply: Doc, responseTo: number, trailer?: Uint8Array): Buffer {
  return replyMessage(reply, responseTo, OP_REPLY, 20, trailer, opReplyFields);
}
