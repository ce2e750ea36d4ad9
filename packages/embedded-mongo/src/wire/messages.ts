import { deserialize, serialize } from 'bson';
import { normalizeDoc } from '../bson/normalize.js';
import type { Doc } from '../bson/values.js';
import { ErrorCode, MongoCommandError } from '../errors.js';

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

function decodeDocument(buffer: Buffer, offset: number): { doc: Doc; end: number } {
  const size = buffer.readInt32LE(offset);
  if (size < 5 || offset + size > buffer.length) {
    throw new MongoCommandError(ErrorCode.FailedToParse, 'invalid BSON document length in message');
  }
  const doc = normalizeDoc(
    deserialize(buffer.subarray(offset, offset + size), { promoteValues: false, bsonRegExp: true }),
  );
  return { doc, end: offset + size };
}

function readCString(buffer: Buffer, offset: number): { value: string; end: number } {
  const zero = buffer.indexOf(0, offset);
  if (zero < 0) throw new MongoCommandError(ErrorCode.FailedToParse, 'unterminated string in message');
  return { value: buffer.toString('utf8', offset, zero), end: zero + 1 };
}

/** Decodes an OP_MSG: flag bits, a kind-0 body and any kind-1 document sequences. */
export function parseOpMsg(message: Buffer, header: MessageHeader): CommandRequest {
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
      const decoded = decodeDocument(message, offset);
      body = decoded.doc;
      offset = decoded.end;
    } else if (kind === 1) {
      const size = message.readInt32LE(offset);
      const sectionEnd = offset + size;
      const id = readCString(message, offset + 4);
      const docs: Doc[] = [];
      let at = id.end;
      while (at < sectionEnd) {
        const decoded = decodeDocument(message, at);
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

function header(length: number, responseTo: number, opCode: number): Buffer {
  const buffer = Buffer.allocUnsafe(16);
  buffer.writeInt32LE(length, 0);
  buffer.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  buffer.writeInt32LE(responseTo, 8);
  buffer.writeInt32LE(opCode, 12);
  return buffer;
}

/** Encodes a reply as OP_MSG with a single kind-0 section. */
export function encodeOpMsg(reply: Doc, responseTo: number): Buffer {
  const body = serialize(reply);
  const prefix = Buffer.allocUnsafe(5);
  prefix.writeUInt32LE(0, 0);
  prefix.writeUInt8(0, 4);
  return Buffer.concat([header(16 + 5 + body.length, responseTo, OP_MSG), prefix, body]);
}

/** Encodes a reply as legacy OP_REPLY (the answer to an OP_QUERY handshake). */
export function encodeOpReply(reply: Doc, responseTo: number): Buffer {
  const body = serialize(reply);
  const fields = Buffer.alloc(20);
  fields.writeInt32LE(8, 0); // AwaitCapable, as mongod sets it
  fields.writeInt32LE(1, 16); // numberReturned; cursorID (8 bytes) and startingFrom stay 0
  return Buffer.concat([header(16 + 20 + body.length, responseTo, OP_REPLY), fields, body]);
}
