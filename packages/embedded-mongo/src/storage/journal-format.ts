import { crc32 } from 'node:zlib';
import { deserialize, serialize } from 'bson';
import { normalizeDoc } from '../bson/normalize.js';
import type { Doc } from '../bson/values.js';

/** One logical change in the journal. Replaying is idempotent: puts and deletes are by `_id`. */
export type JournalOp =
  | { o: 'h'; seq: number; v: number }
  | { o: 'c'; ns: string; opts: Doc }
  | { o: 'x'; ns: string }
  | { o: 'ci'; ns: string; spec: Doc }
  | { o: 'di'; ns: string; name: string }
  /** collMod of an index (TTL, hidden): its new definition, found by name. */
  | { o: 'mi'; ns: string; spec: Doc }
  | { o: 'r'; ns: string; to: string }
  | { o: 'p'; ns: string; d: Doc }
  | { o: 'pb'; ns: string; docs: Doc[] }
  | { o: 'd'; ns: string; id: unknown };

const HEADER_BYTES = 8;

/**
 * Frames a group of operations as one record: payload length (uint32 LE), CRC-32 of the payload, then the payload
 * (one BSON document per operation, so a record may exceed BSON's 16 MiB document limit). A record is applied whole
 * or not at all, which makes a transaction commit atomic on disk.
 */
export function encodeRecord(ops: readonly JournalOp[]): Buffer {
  const parts = ops.map((op) => serialize(op as unknown as Doc));
  const payload = Buffer.concat(parts);
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([header, payload]);
}

/** The records read from a journal buffer, and where the valid prefix ends. */
export interface DecodedRecords {
  records: JournalOp[][];
  /** Bytes of whole, checksum-valid records. */
  validLength: number;
  /** Set when the data ends in a torn or corrupt record (validLength < buffer length). */
  problem?: string;
}

/** Reads records until the end of the buffer or the first torn/corrupt record. */
export function decodeRecords(buffer: Buffer): DecodedRecords {
  const records: JournalOp[][] = [];
  let offset = 0;
  while (offset < buffer.length) {
    if (buffer.length - offset < HEADER_BYTES) return { records, validLength: offset, problem: 'truncated header' };
    const length = buffer.readUInt32LE(offset);
    const crc = buffer.readUInt32LE(offset + 4);
    const start = offset + HEADER_BYTES;
    if (start + length > buffer.length) return { records, validLength: offset, problem: 'truncated record' };
    const payload = buffer.subarray(start, start + length);
    if (crc32(payload) !== crc) return { records, validLength: offset, problem: 'checksum mismatch' };
    const ops = decodeOps(payload);
    if (!ops) return { records, validLength: offset, problem: 'undecodable record' };
    records.push(ops);
    offset = start + length;
  }
  return { records, validLength: offset };
}

function decodeOps(payload: Buffer): JournalOp[] | undefined {
  const ops: JournalOp[] = [];
  let offset = 0;
  try {
    while (offset < payload.length) {
      const size = payload.readInt32LE(offset);
      if (size < 5 || offset + size > payload.length) return undefined;
      const op = normalizeDoc(
        deserialize(payload.subarray(offset, offset + size), { promoteValues: false, bsonRegExp: true }),
      );
      ops.push(op as unknown as JournalOp);
      offset += size;
    }
  } catch {
    return undefined;
  }
  return ops;
}
