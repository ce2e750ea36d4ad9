import { Binary, BSONRegExp, Double, Long, ObjectId, type Collection, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type ConformanceTarget, type Row } from './harness.test-support.js';

let target: ConformanceTarget;
let products: Collection<Row>;

const fixtures: Document[] = [
  {
    _id: 1,
    name: 'apple',
    price: 5,
    qty: 10,
    tags: ['fruit', 'red'],
    dims: { w: 2, h: 3 },
    sizes: [
      { s: 'S', n: 1 },
      { s: 'M', n: 5 },
    ],
    added: new Date('2024-01-02T00:00:00Z'),
    history: [3, 9],
  },
  {
    _id: 2,
    name: 'banana',
    price: 2.5,
    qty: 0,
    tags: ['fruit', 'yellow'],
    dims: { w: 1, h: 6 },
    sizes: [{ s: 'M', n: 2 }],
    added: new Date('2024-02-01T00:00:00Z'),
    history: [6],
  },
  { _id: 3, name: 'carrot', price: 1, qty: 25, tags: ['vegetable', 'orange'], discontinued: true, history: [1, 2] },
  { _id: 4, name: 'Durian', price: null, qty: 3, tags: [] },
  { _id: 5, name: 'eggplant', qty: 7, tags: ['vegetable', 'purple'], dims: { w: 3, h: 3 } },
];

async function ids(filter: Document): Promise<unknown[]> {
  const docs = await products.find(filter).sort({ _id: 1 }).toArray();
  return docs.map((d) => d._id);
}

beforeAll(async () => {
  target = await openTarget('query-operators');
  products = target.db.collection<Row>('products');
  await products.insertMany(fixtures);
});

afterAll(async () => {
  await target.close();
});

describe('comparison operators', () => {
  it('when filtering by string equality, then only the exact match is returned', async () => {
    expect(await ids({ name: 'apple' })).toEqual([1]);
  });

  it('when filtering with $gt, then only greater numbers match', async () => {
    expect(await ids({ qty: { $gt: 7 } })).toEqual([1, 3]);
  });

  it('when combining $gte and $lt on one field, then both bounds apply', async () => {
    expect(await ids({ price: { $gte: 1, $lt: 5 } })).toEqual([2, 3]);
  });

  it('when filtering with $ne, then documents with null or missing fields are included', async () => {
    expect(await ids({ price: { $ne: 5 } })).toEqual([2, 3, 4, 5]);
  });

  it('when filtering for null, then both null and missing fields match', async () => {
    expect(await ids({ price: null })).toEqual([4, 5]);
  });

  it('when using $in, then any listed value matches', async () => {
    expect(await ids({ name: { $in: ['apple', 'carrot', 'kiwi'] } })).toEqual([1, 3]);
  });

  it('when $in tests an array field, then any element or the whole array matches, and [] matches an empty array', async () => {
    expect(await ids({ tags: { $in: ['red', 'orange'] } })).toEqual([1, 3]);
    expect(await ids({ tags: { $in: [['fruit', 'yellow']] } })).toEqual([2]);
    expect(await ids({ tags: { $in: [['yellow', 'fruit']] } })).toEqual([]);
    expect(await ids({ tags: { $in: [[], 'purple'] } })).toEqual([4, 5]);
    expect(await ids({ history: { $in: [9, [6]] } })).toEqual([1, 2]);
    expect(await ids({ tags: { $nin: ['fruit', []] } })).toEqual([3, 5]);
  });

  it('when using $nin, then documents missing the field are included', async () => {
    expect(await ids({ price: { $nin: [5, 2.5] } })).toEqual([3, 4, 5]);
  });

  it('when $in contains null, then missing fields match', async () => {
    expect(await ids({ price: { $in: [null, 1] } })).toEqual([3, 4, 5]);
  });

  it('when $in contains a regex, then strings matching it match', async () => {
    expect(await ids({ tags: { $in: [/^pur/] } })).toEqual([5]);
  });

  it('when comparing a number field with a string bound, then nothing matches (type bracketing)', async () => {
    expect(await ids({ price: { $gt: 'a' } })).toEqual([]);
    expect(await ids({ name: { $lt: 5 } })).toEqual([]);
  });

  it('when filtering dates with $gte, then later dates match', async () => {
    expect(await ids({ added: { $gte: new Date('2024-01-15T00:00:00Z') } })).toEqual([2]);
  });

  it('when no document matches findOne, then it returns null', async () => {
    expect(await products.findOne({ name: 'kiwi' })).toBeNull();
  });
});

describe('element and evaluation operators', () => {
  it('when using $exists false, then only documents without the field match', async () => {
    expect(await ids({ price: { $exists: false } })).toEqual([5]);
  });

  it('when using $exists true, then null values count as existing', async () => {
    expect(await ids({ price: { $exists: true } })).toEqual([1, 2, 3, 4]);
  });

  it('when using $type string, then only string fields match', async () => {
    expect(await ids({ name: { $type: 'string' }, price: { $type: 'null' } })).toEqual([4]);
  });

  it('when using $type array, then array fields match', async () => {
    expect(await ids({ tags: { $type: 'array' } })).toEqual([1, 2, 3, 4, 5]);
  });

  it('when using $type number, then int and double values both match', async () => {
    expect(await ids({ price: { $type: 'number' } })).toEqual([1, 2, 3]);
  });

  it('when using $regex with the i option, then matching is case-insensitive', async () => {
    expect(await ids({ name: { $regex: '^d', $options: 'i' } })).toEqual([4]);
  });

  it('when filtering with a regex literal, then every string containing the pattern matches', async () => {
    expect(await ids({ name: /an/ })).toEqual([2, 4, 5]);
  });

  it('when a regex uses the x option, then whitespace and comments in the pattern are ignored', async () => {
    expect(await ids({ name: { $regex: '^ b a n # banana', $options: 'x' } })).toEqual([2]);
    expect(await ids({ name: new BSONRegExp('^ c a r # carrot', 'x') })).toEqual([3]);
  });

  it('when using $mod, then the remainder is checked', async () => {
    expect(await ids({ qty: { $mod: [5, 0] } })).toEqual([1, 2, 3]);
  });

  it('when using $expr to compare two fields, then the aggregation comparison applies', async () => {
    expect(await ids({ $expr: { $gt: ['$qty', '$price'] } })).toEqual([1, 3, 4, 5]);
  });

  it('when using $expr with arithmetic, then computed values are compared', async () => {
    expect(await ids({ $expr: { $gte: [{ $multiply: ['$price', '$qty'] }, 25] } })).toEqual([1, 3]);
  });

  it('when a filter carries $comment, then it is ignored', async () => {
    expect(await ids({ name: 'apple', $comment: 'why not' })).toEqual([1]);
  });

  it('when $comment is put beside a field, then the query fails as an unknown operator (BadValue)', async () => {
    const error = (await products
      .find({ name: { $comment: 'why not' } })
      .toArray()
      .catch((e: unknown) => e)) as { code?: unknown; message?: string };
    expect(error.code).toBe(2);
    expect(error.message).toContain('unknown operator: $comment');
  });
});

describe('logical operators', () => {
  it('when using $or, then either clause matches', async () => {
    expect(await ids({ $or: [{ qty: 0 }, { discontinued: true }] })).toEqual([2, 3]);
  });

  it('when using $and on the same field, then both conditions apply', async () => {
    expect(await ids({ $and: [{ qty: { $gt: 2 } }, { qty: { $lt: 10 } }] })).toEqual([4, 5]);
  });

  it('when using $nor, then documents matching no clause are returned', async () => {
    expect(await ids({ $nor: [{ tags: 'fruit' }, { price: null }] })).toEqual([3]);
  });

  it('when using $not with an operator, then missing and null values are included', async () => {
    expect(await ids({ price: { $not: { $gt: 2 } } })).toEqual([3, 4, 5]);
  });

  it('when using $not with a regex, then non-matching strings are returned', async () => {
    expect(await ids({ name: { $not: /^[a-c]/ } })).toEqual([4, 5]);
  });
});

describe('arrays and embedded documents', () => {
  it('when filtering an array by one element, then arrays containing it match', async () => {
    expect(await ids({ tags: 'red' })).toEqual([1]);
  });

  it('when filtering by a whole array, then only the same elements in the same order match', async () => {
    expect(await ids({ tags: ['fruit', 'red'] })).toEqual([1]);
    expect(await ids({ tags: ['red', 'fruit'] })).toEqual([]);
  });

  it('when using $all, then arrays containing every value match in any order', async () => {
    expect(await ids({ tags: { $all: ['red', 'fruit'] } })).toEqual([1]);
  });

  it('when using $size, then the array length must match exactly', async () => {
    expect(await ids({ tags: { $size: 0 } })).toEqual([4]);
    expect(await ids({ history: { $size: 2 } })).toEqual([1, 3]);
  });

  it('when using $elemMatch on documents, then one element must satisfy every condition', async () => {
    expect(await ids({ sizes: { $elemMatch: { s: 'M', n: { $gt: 3 } } } })).toEqual([1]);
  });

  it('when conditions on array subfields are given without $elemMatch, then different elements may satisfy them', async () => {
    expect(await ids({ 'sizes.s': 'S', 'sizes.n': 5 })).toEqual([1]);
    expect(await ids({ sizes: { $elemMatch: { s: 'S', n: 5 } } })).toEqual([]);
  });

  it('when using $elemMatch on scalars, then one element must be within all bounds', async () => {
    expect(await ids({ history: { $elemMatch: { $gte: 5, $lt: 8 } } })).toEqual([2]);
  });

  it('when range conditions hit an array without $elemMatch, then different elements may satisfy each bound', async () => {
    expect(await ids({ history: { $gt: 5, $lt: 4 } })).toEqual([1]);
  });

  it('when filtering on a dotted path into an array of documents, then any element can match', async () => {
    expect(await ids({ 'sizes.s': 'M' })).toEqual([1, 2]);
  });

  it('when filtering by array index in the path, then only that position is checked', async () => {
    expect(await ids({ 'tags.0': 'fruit' })).toEqual([1, 2]);
    expect(await ids({ 'tags.1': 'fruit' })).toEqual([]);
  });

  it('when filtering by an embedded document, then field order matters', async () => {
    expect(await ids({ dims: { w: 2, h: 3 } })).toEqual([1]);
    expect(await ids({ dims: { h: 3, w: 2 } })).toEqual([]);
  });

  it('when filtering on a dotted path into an embedded document, then its field is compared', async () => {
    expect(await ids({ 'dims.h': 3 })).toEqual([1, 5]);
  });

  it('when checking $exists on a path through an array of documents, then any element having it counts', async () => {
    expect(await ids({ 'sizes.n': { $exists: true } })).toEqual([1, 2]);
  });
});

describe('BSON value types in filters', () => {
  it('when numbers are stored as Int32, Double and Int64, then equality matches across numeric types', async () => {
    const coll = target.db.collection<Row>('numbers');
    await coll.insertMany([
      { _id: 'int', v: 1 },
      { _id: 'double', v: new Double(1) },
      { _id: 'long', v: Long.fromNumber(1) },
      { _id: 'other', v: 2 },
    ]);
    const docs = await coll.find({ v: 1 }).sort({ _id: 1 }).toArray();
    expect(docs.map((d) => d._id)).toEqual(['double', 'int', 'long']);
    expect(await coll.countDocuments({ v: Long.fromNumber(2) })).toBe(1);
  });

  it('when filtering by ObjectId with equality and $in, then the right documents match', async () => {
    const coll = target.db.collection<Row>('objectids');
    const [a, b, c] = [new ObjectId(), new ObjectId(), new ObjectId()];
    await coll.insertMany([{ ref: a }, { ref: b }, { ref: c }]);
    expect(await coll.countDocuments({ ref: a })).toBe(1);
    expect(await coll.countDocuments({ ref: { $in: [a, c] } })).toBe(2);
  });

  it('when filtering by Binary data, then equal bytes and subtype match', async () => {
    const coll = target.db.collection<Row>('binaries');
    await coll.insertMany([{ b: new Binary(Buffer.from('abc')) }, { b: new Binary(Buffer.from('abd')) }]);
    expect(await coll.countDocuments({ b: new Binary(Buffer.from('abc')) })).toBe(1);
  });

  it('when filtering booleans, then true and false are distinct from numbers', async () => {
    const coll = target.db.collection<Row>('booleans');
    await coll.insertMany([{ f: true }, { f: false }, { f: 1 }]);
    expect(await coll.countDocuments({ f: true })).toBe(1);
    expect(await coll.countDocuments({ f: { $type: 'bool' } })).toBe(2);
  });

  it('when an array holds a nested array, then equality against the nested array matches the element', async () => {
    const coll = target.db.collection<Row>('nested');
    await coll.insertOne({ m: [[1, 2], [3]] });
    expect(await coll.countDocuments({ m: [1, 2] })).toBe(1);
    expect(await coll.countDocuments({ m: 1 })).toBe(0);
  });
});

describe('invalid filters', () => {
  it('when a filter uses an unknown operator, then the server answers BadValue naming it', async () => {
    const error = await products.findOne({ qty: { $foo: 1 } } as Document).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 2 });
    expect(String((error as Error).message)).toContain('$foo');
  });

  it('when $and is given an empty array, then the server rejects it', async () => {
    const error = await products.findOne({ $and: [] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 2 });
  });

  it('when $size is given a negative number, then the server rejects it', async () => {
    const error = await products.findOne({ tags: { $size: -1 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 2 });
  });
});
