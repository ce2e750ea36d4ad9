import { Double, Long, ObjectId } from 'bson';
import { describe, expect, it } from 'vitest';
import { decodeRecords, encodeRecord, type JournalOp } from './journal-format.js';

const ops: JournalOp[] = [
  { o: 'c', ns: 'shop.products', opts: {} },
  {
    o: 'p',
    ns: 'shop.products',
    d: { _id: new ObjectId(), price: new Double(5), stock: 3, big: Long.fromString('9007199254740993') },
  },
  { o: 'd', ns: 'shop.products', id: 'gone' },
];

describe('journal record framing', () => {
  it('when records are encoded and decoded, then operations and BSON types come back unchanged', () => {
    const buffer = Buffer.concat([encodeRecord(ops), encodeRecord([{ o: 'x', ns: 'shop.tmp' }])]);
    const decoded = decodeRecords(buffer);
    expect(decoded.problem).toBeUndefined();
    expect(decoded.validLength).toBe(buffer.length);
    expect(decoded.records).toHaveLength(2);
    const put = decoded.records[0]?.[1] as Extract<JournalOp, { o: 'p' }>;
    expect(put.d.price).toBeInstanceOf(Double);
    expect(put.d.stock).toBe(3);
    expect(String(put.d.big)).toBe('9007199254740993');
  });

  it('when the last record is cut short, then the valid prefix is kept and the tear reported', () => {
    const whole = encodeRecord(ops);
    const buffer = Buffer.concat([whole, encodeRecord(ops).subarray(0, 20)]);
    const decoded = decodeRecords(buffer);
    expect(decoded.records).toHaveLength(1);
    expect(decoded.validLength).toBe(whole.length);
    expect(decoded.problem).toBe('truncated record');
  });

  it('when only part of a header was written, then it is reported as a truncated header', () => {
    const whole = encodeRecord(ops);
    const decoded = decodeRecords(Buffer.concat([whole, Buffer.from([1, 2, 3])]));
    expect(decoded.records).toHaveLength(1);
    expect(decoded.problem).toBe('truncated header');
  });

  it('when a payload byte is corrupted, then the checksum rejects that record', () => {
    const first = encodeRecord(ops);
    const second = encodeRecord(ops);
    const at = second.length - 3;
    second.writeUInt8(second.readUInt8(at) ^ 0xff, at);
    const decoded = decodeRecords(Buffer.concat([first, second]));
    expect(decoded.records).toHaveLength(1);
    expect(decoded.problem).toBe('checksum mismatch');
  });

  it('when a record holds more than 16 MiB of documents, then it still round-trips as one record', () => {
    const chunk = 'x'.repeat(1024 * 1024);
    const big: JournalOp[] = Array.from({ length: 18 }, (_, i) => ({ o: 'p', ns: 'shop.blobs', d: { _id: i, chunk } }));
    const decoded = decodeRecords(encodeRecord(big));
    expect(decoded.records[0]).toHaveLength(18);
  });
});
