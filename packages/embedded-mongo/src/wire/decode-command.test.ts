import {
  BSONRegExp,
  BSONSymbol,
  Binary,
  Code,
  DBRef,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  Timestamp,
  UUID,
  deserialize,
  serialize,
} from 'bson';
import { describe, expect, it } from 'vitest';
import { normalizeDoc } from '../bson/normalize.js';
import type { Doc } from '../bson/values.js';
import { RepeatedFields, decodeCommand } from './decode-command.js';

/** What the engine decoded commands with before: bson, then normalizeDoc. */
function reference(bytes: Uint8Array): Doc | Error {
  try {
    return normalizeDoc(deserialize(Buffer.from(bytes), { promoteValues: false, bsonRegExp: true }));
  } catch (error) {
    return error as Error;
  }
}

function encode(doc: Doc): Buffer {
  return Buffer.from(serialize(doc));
}

/** A deterministic pseudo-random sequence. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const lsid = { id: new UUID('aac9262d-c1be-4834-be16-736cf011abda') };
const clusterTime = (t: number) => ({
  clusterTime: new Timestamp({ t, i: 1 }),
  signature: { hash: new Binary(Buffer.alloc(20), 0), keyId: Long.fromNumber(0) },
});

const everyType: Doc = {
  find: 'products',
  filter: { _id: 5, price: { $gte: 10, $lt: new Double(20.5) }, tags: { $in: ['a', 'b'] } },
  doubles: [new Double(1), new Double(-0), new Double(0.5), new Double(NaN), new Double(Infinity), new Double(2 ** 40)],
  ints: [new Int32(0), new Int32(-(2 ** 31)), new Int32(2 ** 31 - 1)],
  longs: [Long.fromNumber(0), Long.fromString('9223372036854775807'), Long.fromNumber(-1)],
  decimal: Decimal128.fromString('-12.3400'),
  dates: [new Date(0), new Date(-1), new Date(8.64e15), new Date(Date.UTC(2026, 11, 6, 12, 30, 15, 123))],
  timestamps: [new Timestamp({ t: 0, i: 0 }), new Timestamp({ t: 2 ** 32 - 1, i: 2 ** 32 - 1 })],
  oid: new ObjectId('65a1b2c3d4e5f60718293a4b'),
  binaries: [
    new Binary(Buffer.from([]), 0),
    new Binary(Buffer.from([1, 2, 3]), 0),
    new Binary(Buffer.alloc(16, 7), 3),
    new Binary(Buffer.alloc(16, 9), 4),
    new Binary(Buffer.alloc(5, 9), 4),
    new Binary(Buffer.alloc(16, 1), 5),
    new Binary(Buffer.from('x'), 0x80),
  ],
  uuid: new UUID('0f8fad5b-d9cb-469f-a165-70867728950e'),
  strings: [
    '',
    'a',
    'ascii only',
    'x'.repeat(100),
    'crème brûlée',
    '日本語',
    '🔥 emoji',
    'nul\u0000inside',
    '\uFEFFbom',
  ],
  flags: [true, false],
  nothing: null,
  bounds: [new MinKey(), new MaxKey()],
  nested: { a: { b: { c: [[], {}, [[1, [2]]], { d: null }] } } },
  crème: 1,
  ['k'.repeat(40)]: 'long name',
  $comment: 'a $-name at the top level',
  lsid,
  $clusterTime: clusterTime(1765000000),
  $db: 'shop',
};

describe('decodeCommand', () => {
  it('when a command holds every type it decodes, then it is exactly what bson and normalizeDoc give', () => {
    const bytes = encode(everyType);
    const decoded = decodeCommand(bytes);
    expect(decoded).toBeDefined();
    expect(decoded).toStrictEqual(reference(bytes));
    expect(Object.keys(decoded as Doc)).toEqual(Object.keys(everyType));
  });

  it('when a command holds what only bson decodes, then decodeCommand declines it', () => {
    const declined: Doc[] = [
      { find: 'c', filter: { name: new BSONRegExp('^a', 'i') } },
      { find: 'c', filter: { ref: new DBRef('other', new ObjectId('65a1b2c3d4e5f60718293a4b')) } },
      { $ref: 'other', $id: 1 },
      { eval: new Code('function () {}') },
      { s: new BSONSymbol('sym') },
      { b: new Binary(Buffer.from([1, 2]), 2) },
      { text: 'a real \uFFFD replacement character' },
    ];
    for (const doc of declined) {
      const bytes = encode(doc);
      expect(decodeCommand(bytes)).toBeUndefined();
      expect(reference(bytes)).not.toBeInstanceOf(Error);
    }
    const undefinedValue = Buffer.from([12, 0, 0, 0, 0x06, 0x75, 0x00, 0x0a, 0x6e, 0x00, 0, 0]);
    undefinedValue.writeInt32LE(undefinedValue.length - 1, 0);
    expect(decodeCommand(undefinedValue.subarray(0, -1))).toBeUndefined();
    const proto = encode({ a: 1, ['_'.repeat(9)]: 2 });
    proto.write('__proto__', proto.indexOf('_'), 'latin1');
    expect(decodeCommand(proto)).toBeUndefined();
  });

  it('when random documents are decoded, then each is exactly what bson and normalizeDoc give', () => {
    const next = random(7);
    const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)] as T;
    const value = (depth: number): unknown => {
      const kind = Math.floor(next() * (depth > 3 ? 9 : 11));
      switch (kind) {
        case 0:
          return new Double(pick([0, -0, 1, -1.5, 1e300, 2 ** 31, -(2 ** 31), 3.25, NaN]));
        case 1:
          return new Int32(Math.floor((next() - 0.5) * 2 ** 32));
        case 2:
          return Long.fromNumber(Math.floor((next() - 0.5) * 2 ** 60));
        case 3:
          return pick(['', 'x', 'hello world', 'ünïcödé', '😀', 'z'.repeat(Math.floor(next() * 60))]);
        case 4:
          return pick([true, false, null]);
        case 5:
          return new Date(Math.floor((next() - 0.5) * 2 ** 44));
        case 6:
          return new ObjectId();
        case 7:
          return new Binary(Buffer.alloc(Math.floor(next() * 20), 3), pick([0, 4, 5]));
        case 8:
          return new Timestamp({ t: Math.floor(next() * 2 ** 32), i: Math.floor(next() * 2 ** 32) });
        case 9:
          return Array.from({ length: Math.floor(next() * 5) }, () => value(depth + 1));
        default: {
          const doc: Doc = {};
          const fields = Math.floor(next() * 6);
          for (let f = 0; f < fields; f++)
            doc[pick(['a', 'b', '$in', 'näme', 'x.y', String(f)]) + f] = value(depth + 1);
          return doc;
        }
      }
    };
    for (let n = 0; n < 500; n++) {
      const doc: Doc = { cmd: n };
      for (let f = 0; f < 6; f++) doc[`f${f}`] = value(0);
      const bytes = encode(doc);
      const decoded = decodeCommand(bytes);
      expect(decoded).toBeDefined();
      expect(decoded).toStrictEqual(reference(bytes));
    }
  });

  it('when the bytes are damaged, then decodeCommand never answers where bson would not, nor differently', () => {
    const next = random(11);
    const original = encode(everyType);
    for (let n = 0; n < 3000; n++) {
      const bytes = Buffer.from(original);
      const damage = Math.floor(next() * 3);
      if (damage === 0) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
      else if (damage === 1)
        bytes.writeInt32LE(Math.floor((next() - 0.5) * 400), Math.floor(next() * (bytes.length - 4)));
      const input = damage === 2 ? bytes.subarray(0, Math.floor(next() * bytes.length)) : bytes;
      const expected = reference(input);
      const decoded = decodeCommand(input);
      if (decoded !== undefined) {
        expect(expected).not.toBeInstanceOf(Error);
        expect(decoded).toStrictEqual(expected);
      }
    }
  });

  it('when a connection repeats its lsid and $clusterTime, then the values decoded before are reused', () => {
    const repeated = new RepeatedFields();
    const first = decodeCommand(
      encode({ find: 'c', filter: { _id: 1 }, lsid, $clusterTime: clusterTime(100), $db: 'd' }),
      repeated,
    );
    const bytes = encode({ find: 'c', filter: { _id: 2 }, lsid, $clusterTime: clusterTime(100), $db: 'd' });
    const second = decodeCommand(bytes, repeated) as Doc;
    expect(second).toStrictEqual(reference(bytes));
    expect(second.lsid).toBe(first?.lsid);
    expect(second.$clusterTime).toBe(first?.$clusterTime);
    const moved = decodeCommand(encode({ ping: 1, lsid, $clusterTime: clusterTime(101), $db: 'd' }), repeated) as Doc;
    expect(moved.$clusterTime).not.toBe(first?.$clusterTime);
    expect((moved.$clusterTime as Doc).clusterTime).toStrictEqual(new Timestamp({ t: 101, i: 1 }));
    const nested = decodeCommand(encode({ insert: 'c', documents: [{ lsid }], $db: 'd' }), repeated) as Doc;
    expect((nested.documents as Doc[])[0]?.lsid).not.toBe(second.lsid);
  });
});
