import { Binary, Decimal128, Double, Long, ObjectId, Timestamp, deserialize, serialize } from 'bson';
import { describe, expect, it } from 'vitest';
import type { Doc } from '../bson/values.js';
import { ClusterClock } from '../replset/cluster-clock.js';
import { MongoCommandError } from '../errors.js';
import { RepeatedFields } from './decode-command.js';
import { OP_MSG, OP_REPLY, encodeOpMsg, encodeOpReply, parseOpMsg, readHeader } from './messages.js';

/** The body of an encoded OP_MSG (after header, flags and section kind). */
function opMsgBody(message: Buffer): Buffer {
  expect(message.readInt32LE(0)).toBe(message.length);
  expect(message.readInt32LE(12)).toBe(OP_MSG);
  expect(message.readUInt32LE(16)).toBe(0);
  expect(message[20]).toBe(0);
  return message.subarray(21);
}

const stored: Doc = {
  _id: new ObjectId('65a1b2c3d4e5f60718293a4b'),
  sku: 'SKU-0000042',
  name: 'Crème brûlée torch 🔥',
  price: new Double(12),
  qty: 3,
  big: Long.fromNumber(2 ** 40),
  dec: Decimal128.fromString('9.99'),
  tags: ['a', 'b', { nested: [1, 2.5, null] }],
  at: new Date(Date.UTC(2026, 0, 2)),
  blob: new Binary(Buffer.from([1, 2, 3]), 0),
};

describe('reply encoding', () => {
  it('when a cursor batch holds one document, then its bytes are exactly bson’s encoding of the whole reply', () => {
    for (const batch of ['firstBatch', 'nextBatch']) {
      for (const ns of ['shop.products', 'bäckerei.brötchen']) {
        for (const id of [Long.ZERO, Long.fromString('8070450532247928832'), Long.fromNumber(-5)]) {
          const reply = { cursor: { [batch]: [stored], id, ns }, ok: 1 };
          expect(opMsgBody(encodeOpMsg(reply, 7)).equals(serialize(reply))).toBe(true);
        }
      }
    }
  });

  it('when a reply is any other shape, then it is bson’s encoding of it', () => {
    const replies: Doc[] = [
      { cursor: { firstBatch: [stored, { _id: 2 }], id: Long.ZERO, ns: 'a.b' }, ok: 1 },
      { cursor: { firstBatch: [], id: Long.ZERO, ns: 'a.b' }, ok: 1 },
      {
        cursor: { firstBatch: [stored], id: Long.ZERO, ns: 'a.b', atClusterTime: new Timestamp({ t: 1, i: 1 }) },
        ok: 1,
      },
      { cursor: { firstBatch: [stored], id: Long.ZERO, ns: 'a.b' }, ok: 1, writeConcernError: { code: 100 } },
      { cursor: { firstBatch: [[1, 2]], id: Long.ZERO, ns: 'a.b' }, ok: 1 },
      { n: 1, ok: 1 },
      { ok: 0, errmsg: 'no', code: 2, codeName: 'BadValue' },
    ];
    for (const reply of replies) expect(opMsgBody(encodeOpMsg(reply, 7)).equals(serialize(reply))).toBe(true);
  });

  it('when the cluster time is appended, then the reply reads as if $clusterTime and operationTime were its last fields', () => {
    const clock = new ClusterClock(() => Date.UTC(2026, 0, 2));
    clock.tick();
    for (const reply of [
      { cursor: { firstBatch: [stored], id: Long.ZERO, ns: 'a.b' }, ok: 1 },
      { n: 1, ok: 1 },
    ]) {
      const expected = serialize({ ...reply, $clusterTime: clock.clusterTimeDoc, operationTime: clock.operationTime });
      expect(opMsgBody(encodeOpMsg(reply, 9, clock.replyFields)).equals(expected)).toBe(true);
    }
    const decoded = deserialize(opMsgBody(encodeOpMsg({ ok: 1 }, 9, clock.replyFields)));
    expect(decoded.operationTime).toEqual(clock.operationTime);
    expect(decoded.$clusterTime.signature.keyId).toBe(0);
  });

  it('when the clock moves, then the appended fields follow it', () => {
    let now = Date.UTC(2026, 0, 2);
    const clock = new ClusterClock(() => now);
    const before = Buffer.from(clock.replyFields);
    now += 5_000;
    const optime = clock.tick();
    const after = deserialize(opMsgBody(encodeOpMsg({ ok: 1 }, 1, clock.replyFields)));
    expect(Buffer.from(clock.replyFields).equals(before)).toBe(false);
    expect(after.operationTime).toEqual(optime);
    expect(after.$clusterTime.clusterTime).toEqual(optime);
  });

  it('when a legacy handshake is answered, then OP_REPLY carries the reply and its cluster time', () => {
    const clock = new ClusterClock();
    const message = encodeOpReply({ ismaster: true, ok: 1 }, 3, clock.replyFields);
    expect(message.readInt32LE(0)).toBe(message.length);
    expect(message.readInt32LE(8)).toBe(3);
    expect(message.readInt32LE(12)).toBe(OP_REPLY);
    expect(message.readInt32LE(16)).toBe(8);
    expect(message.readBigInt64LE(20)).toBe(0n);
    expect(message.readInt32LE(32)).toBe(1);
    const body = deserialize(message.subarray(36));
    expect(body).toMatchObject({ ismaster: true, ok: 1 });
    expect(body.operationTime).toEqual(clock.operationTime);
  });
});

/** An OP_MSG from its sections' bytes (header, flags 0, then the sections as given). */
function opMsgOf(...sections: Uint8Array[]): Buffer {
  const body = Buffer.concat([Buffer.alloc(4), ...sections]);
  const header = Buffer.alloc(16);
  header.writeInt32LE(16 + body.length, 0);
  header.writeInt32LE(OP_MSG, 12);
  return Buffer.concat([header, body]);
}

/** A kind-1 section claiming `size` bytes, holding identifier `x` and `docs`. */
function sequence(size: number | undefined, ...docs: Uint8Array[]): Buffer {
  const content = Buffer.concat([Buffer.from('x\0'), ...docs]);
  const length = Buffer.alloc(4);
  length.writeInt32LE(size ?? content.length + 4, 0);
  return Buffer.concat([Buffer.from([1]), length, content]);
}

const bodySection = Buffer.concat([Buffer.from([0]), serialize({ insert: 'c', $db: 'shop' })]);

describe('OP_MSG parsing of hostile lengths', () => {
  it('when a document sequence is well formed, then its documents join the body', () => {
    const message = opMsgOf(bodySection, sequence(undefined, serialize({ a: 1 }), serialize({ b: 2 })));
    expect(parseOpMsg(message, readHeader(message)).body.x).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('when a sequence claims a negative, tiny or oversized length, or a document overruns it, then it is refused', () => {
    const doc = serialize({ a: 1 });
    for (const message of [
      opMsgOf(bodySection, sequence(-1)),
      opMsgOf(bodySection, sequence(0)),
      opMsgOf(bodySection, sequence(4)),
      opMsgOf(bodySection, sequence(10_000, doc)),
      // The sequence claims only part of its document: the document must not be read past the section.
      opMsgOf(bodySection, sequence(8, doc)),
    ]) {
      expect(() => parseOpMsg(message, readHeader(message))).toThrow(MongoCommandError);
    }
  });
});

describe('repeated session ids', () => {
  it('when a connection keeps a session id, then the kept value owns its bytes, not a view into the message', () => {
    const repeated = new RepeatedFields();
    const id = new Binary(Buffer.alloc(16, 7), Binary.SUBTYPE_UUID);
    const padding = 'p'.repeat(100_000);
    const message = opMsgOf(
      Buffer.concat([Buffer.from([0]), serialize({ find: 'c', padding, lsid: { id }, $db: 's' })]),
    );
    const first = parseOpMsg(message, readHeader(message), repeated).body.lsid as { id: unknown };
    const kept = [...repeated.last.values()][0]?.value as { id: { buffer: Uint8Array } | { toBinary(): Binary } };
    const keptBytes = 'buffer' in kept.id ? kept.id.buffer : kept.id.toBinary().buffer;
    expect(keptBytes.buffer.byteLength).toBeLessThan(1_000);
    expect(first).toEqual(kept);
  });
});
