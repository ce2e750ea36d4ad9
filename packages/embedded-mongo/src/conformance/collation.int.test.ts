import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoServerError, type Collection, type CollationOptions, type Document } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmbeddedMongo } from '../index.js';
import { openTarget, type ConformanceTarget, type Row, withShopClient } from './harness.test-support.js';

let target: ConformanceTarget;
let coll: Collection<Row>;
let counter = 0;

const caseInsensitive: CollationOptions = { locale: 'en', strength: 2 };
const accentInsensitive: CollationOptions = { locale: 'en', strength: 1 };

const PEOPLE: Row[] = [
  { _id: 1, name: 'alice', n: 1 },
  { _id: 2, name: 'Alice', n: 2 },
  { _id: 3, name: 'ALICE', n: 3 },
  { _id: 4, name: 'álice', n: 4 },
  { _id: 5, name: 'bob', n: 5 },
  { _id: 6, name: 'Bob', n: 6 },
  { _id: 7, name: 'carol', n: 7 },
];

beforeAll(async () => {
  target = await openTarget('collation');
});

afterAll(async () => {
  await target.close();
});

beforeEach(async () => {
  coll = target.db.collection<Row>(`c${++counter}`);
  await coll.insertMany(PEOPLE);
});

async function ids(cursor: { toArray(): Promise<Document[]> }): Promise<unknown[]> {
  return (await cursor.toArray()).map((doc) => doc._id);
}

async function failure(action: () => Promise<unknown>): Promise<MongoServerError> {
  const error = await action().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MongoServerError);
  return error as MongoServerError;
}

/** The documented defaults of a collation document, as listIndexes and listCollections report them. */
function filledIn(collation: Document): Document {
  return {
    locale: 'en',
    caseLevel: false,
    caseFirst: 'off',
    strength: 3,
    numericOrdering: false,
    alternate: 'non-ignorable',
    maxVariable: 'punct',
    normalization: false,
    backwards: false,
    version: expect.any(String),
    ...collation,
  };
}

describe('queries under a collation', () => {
  it('when equality runs with strength 2, then case is ignored and accents are not', async () => {
    expect(await ids(coll.find({ name: 'alice' }, { collation: caseInsensitive }).sort({ _id: 1 }))).toEqual([1, 2, 3]);
    expect(await ids(coll.find({ name: 'alice' }).sort({ _id: 1 }))).toEqual([1]);
  });

  it('when equality runs with strength 1, then case and accents are both ignored', async () => {
    const found = await ids(coll.find({ name: 'ALICE' }, { collation: accentInsensitive }).sort({ _id: 1 }));
    expect(found).toEqual([1, 2, 3, 4]);
  });

  it('when caseLevel is on at strength 1, then case matters and accents do not', async () => {
    await coll.insertOne({ _id: 8, name: 'Álice' });
    const collation = { locale: 'en', strength: 1, caseLevel: true };
    expect(await ids(coll.find({ name: 'alice' }, { collation }).sort({ _id: 1 }))).toEqual([1, 4]);
    expect(await ids(coll.find({ name: 'Alice' }, { collation }).sort({ _id: 1 }))).toEqual([2, 8]);
  });

  it('when $in, $ne and $nin run with strength 2, then they compare case-insensitively', async () => {
    const collation = caseInsensitive;
    const sorted = { sort: { _id: 1 as const }, collation };
    expect(await ids(coll.find({ name: { $in: ['ALICE', 'BOB'] } }, sorted))).toEqual([1, 2, 3, 5, 6]);
    expect(await ids(coll.find({ name: { $ne: 'ALICE' } }, sorted))).toEqual([4, 5, 6, 7]);
    expect(await ids(coll.find({ name: { $nin: ['alice', 'bob'] } }, sorted))).toEqual([4, 7]);
  });

  it('when a range runs under a collation, then strings are ordered by it rather than by code point', async () => {
    const sorted = { sort: { _id: 1 as const } };
    // Binary order puts every lowercase letter after 'B'; the English order puts 'alice' and 'álice' before it.
    expect(await ids(coll.find({ name: { $lt: 'B' } }, sorted))).toEqual([2, 3]);
    expect(await ids(coll.find({ name: { $lt: 'B' } }, { ...sorted, collation: caseInsensitive }))).toEqual([
      1, 2, 3, 4,
    ]);
  });

  it('when a regex runs under a collation, then the regex still matches case-sensitively', async () => {
    expect(await ids(coll.find({ name: /^alice$/ }, { collation: caseInsensitive }))).toEqual([1]);
  });

  it('when strings sit inside arrays and embedded documents, then equality follows the collation too', async () => {
    await coll.insertMany([
      { _id: 10, tags: ['Red', 'Green'], owner: { first: 'Ann' } },
      { _id: 11, tags: ['blue'], owner: { first: 'ANN' } },
    ]);
    const collation = caseInsensitive;
    expect(await ids(coll.find({ tags: 'RED' }, { collation }))).toEqual([10]);
    expect(await ids(coll.find({ owner: { first: 'ann' } }, { collation, sort: { _id: 1 } }))).toEqual([10, 11]);
    expect(await ids(coll.find({ tags: { $all: ['green', 'RED'] } }, { collation }))).toEqual([10]);
  });
});

describe('sorting under a collation', () => {
  beforeEach(async () => {
    await coll.deleteMany({});
    await coll.insertMany([
      { _id: 1, v: 'b' },
      { _id: 2, v: 'A' },
      { _id: 3, v: 'a' },
      { _id: 4, v: 'B' },
    ]);
  });

  it('when sorting with locale en, then letters come in alphabetical order, lowercase first', async () => {
    const values = async (collation?: CollationOptions) =>
      (await coll.find({}, { sort: { v: 1 }, ...(collation ? { collation } : {}) }).toArray()).map((d) => d.v);
    expect(await values()).toEqual(['A', 'B', 'a', 'b']);
    expect(await values({ locale: 'en' })).toEqual(['a', 'A', 'b', 'B']);
    expect(await values({ locale: 'en', caseFirst: 'upper' })).toEqual(['A', 'a', 'B', 'b']);
  });

  it('when numericOrdering is on, then digit runs sort as numbers', async () => {
    await coll.deleteMany({});
    await coll.insertMany([{ v: '10' }, { v: '9' }, { v: '2' }]);
    const values = async (collation?: CollationOptions) =>
      (await coll.find({}, { sort: { v: 1 }, ...(collation ? { collation } : {}) }).toArray()).map((d) => d.v);
    expect(await values()).toEqual(['10', '2', '9']);
    expect(await values({ locale: 'en', numericOrdering: true })).toEqual(['2', '9', '10']);
    const collation = { locale: 'en', numericOrdering: true };
    expect((await coll.find({ v: { $gt: '9' } }, { collation }).toArray()).map((d) => d.v)).toEqual(['10']);
  });
});

describe('counting, distinct, writes and aggregation under a collation', () => {
  it('when documents are counted with a collation, then countDocuments and count agree with find', async () => {
    expect(await coll.countDocuments({ name: 'alice' }, { collation: caseInsensitive })).toBe(3);
    expect(await coll.countDocuments({ name: 'alice' })).toBe(1);
    const reply = await target.db.command({
      count: coll.collectionName,
      query: { name: 'BOB' },
      collation: caseInsensitive,
    });
    expect(reply.n).toBe(2);
  });

  it('when distinct runs with strength 2, then values equal under the collation are returned once', async () => {
    const values = (await coll.distinct('name', {}, { collation: caseInsensitive })) as string[];
    expect(values).toHaveLength(4);
    expect(values.map((v) => v.toLowerCase()).sort()).toEqual(['alice', 'bob', 'carol', 'álice']);
    expect(await coll.distinct('name', { name: 'BOB' }, { collation: caseInsensitive })).toHaveLength(1);
    expect(await coll.distinct('name')).toHaveLength(7);
  });

  it('when updates run with a collation, then their filter matches case-insensitively', async () => {
    const many = await coll.updateMany({ name: 'ALICE' }, { $set: { seen: true } }, { collation: caseInsensitive });
    expect(many).toMatchObject({ matchedCount: 3, modifiedCount: 3 });
    const one = await coll.updateOne({ name: 'CAROL' }, { $set: { seen: true } }, { collation: caseInsensitive });
    expect(one.modifiedCount).toBe(1);
    expect(await ids(coll.find({ seen: true }).sort({ _id: 1 }))).toEqual([1, 2, 3, 7]);
    const none = await coll.updateOne({ name: 'CAROL' }, { $set: { seen: false } });
    expect(none.matchedCount).toBe(0);
  });

  it('when an upsert with a collation finds a match, then it updates instead of inserting', async () => {
    const matched = await coll.updateOne(
      { name: 'CAROL' },
      { $set: { n: 70 } },
      { upsert: true, collation: caseInsensitive },
    );
    expect(matched).toMatchObject({ matchedCount: 1, upsertedCount: 0 });
    const inserted = await coll.updateOne({ name: 'CAROL' }, { $set: { n: 71 } }, { upsert: true });
    expect(inserted.upsertedCount).toBe(1);
  });

  it('when deletes run with a collation, then every case variant goes', async () => {
    const result = await coll.deleteMany({ name: 'bob' }, { collation: caseInsensitive });
    expect(result.deletedCount).toBe(2);
    const one = await coll.deleteOne({ name: 'CAROL' }, { collation: caseInsensitive });
    expect(one.deletedCount).toBe(1);
    expect(await coll.countDocuments()).toBe(4);
  });

  it('when findOneAndUpdate runs with a collation, then it finds the document case-insensitively', async () => {
    const before = await coll.findOneAndUpdate(
      { name: 'CAROL' },
      { $set: { n: 70 } },
      { collation: caseInsensitive, returnDocument: 'before' },
    );
    expect(before).toMatchObject({ _id: 7, n: 7 });
    const deleted = await coll.findOneAndDelete({ name: 'BOB' }, { collation: caseInsensitive, sort: { _id: -1 } });
    expect(deleted?._id).toBe(6);
  });

  it('when an aggregation runs with a collation, then $match, $sort, $group and comparisons follow it', async () => {
    const matched = await coll
      .aggregate([{ $match: { name: 'ALICE' } }, { $sort: { _id: 1 } }, { $project: { _id: 1 } }], {
        collation: caseInsensitive,
      })
      .toArray();
    expect(matched.map((d) => d._id)).toEqual([1, 2, 3]);
    const groups = await coll
      .aggregate<{ _id: string; n: number; names: string[] }>(
        [{ $group: { _id: '$name', n: { $sum: 1 }, names: { $addToSet: '$name' } } }],
        { collation: caseInsensitive },
      )
      .toArray();
    const byName = Object.fromEntries(groups.map((g) => [g._id.toLowerCase(), g]));
    expect(Object.keys(byName).sort()).toEqual(['alice', 'bob', 'carol', 'álice']);
    expect(byName.alice?.n).toBe(3);
    expect(byName.alice?.names).toHaveLength(1);
    const flags = await coll
      .aggregate([{ $sort: { _id: 1 } }, { $project: { _id: 0, same: { $eq: ['$name', 'ALICE'] } } }], {
        collation: caseInsensitive,
      })
      .toArray();
    expect(flags.map((d) => d.same)).toEqual([true, true, true, false, false, false, false]);
    const listed = await coll
      .aggregate([{ $match: { $expr: { $in: ['$name', ['BOB', 'CAROL']] } } }, { $sort: { _id: 1 } }], {
        collation: caseInsensitive,
      })
      .toArray();
    expect(listed.map((d) => d._id)).toEqual([5, 6, 7]);
    const sorted = await coll
      .aggregate([{ $match: { name: { $in: ['bob', 'alice'] } } }, { $sort: { name: -1, _id: 1 } }], {
        collation: caseInsensitive,
      })
      .toArray();
    expect(sorted.map((d) => d._id)).toEqual([5, 6, 1, 2, 3]);
  });

  it('when $lookup runs under a collation, then local and foreign strings are joined by it', async () => {
    const orders = target.db.collection<Row>(`orders${counter}`);
    await orders.insertMany([{ _id: 1, customer: 'BOB' }]);
    const [order] = await orders
      .aggregate(
        [{ $lookup: { from: coll.collectionName, localField: 'customer', foreignField: 'name', as: 'who' } }],
        {
          collation: caseInsensitive,
        },
      )
      .toArray();
    expect((order?.who as Document[]).map((d) => d._id).sort()).toEqual([5, 6]);
  });
});

describe('indexes with a collation', () => {
  it('when a unique index has strength 2, then a value differing only in case is a duplicate key', async () => {
    const users = target.db.collection<Row>(`users${counter}`);
    await users.createIndex({ email: 1 }, { unique: true, collation: caseInsensitive });
    await users.insertOne({ _id: 1, email: 'a@x.com' });
    const error = await failure(() => users.insertOne({ _id: 2, email: 'A@x.com' }));
    expect(error.code).toBe(11000);
    expect(error.errorResponse.keyPattern).toEqual({ email: 1 });
    expect(Object.keys(error.errorResponse.keyValue as Document)).toEqual(['email']);
    const moved = await failure(() =>
      users
        .insertOne({ _id: 3, email: 'b@x.com' })
        .then(() => users.updateOne({ _id: 3 }, { $set: { email: 'A@X.COM' } })),
    );
    expect(moved.code).toBe(11000);
    // Changing only the case of a document's own value is not a conflict with itself.
    const own = await users.updateOne({ _id: 1 }, { $set: { email: 'A@X.com' } });
    expect(own.modifiedCount).toBe(1);
    await users.insertOne({ _id: 4, email: 'á@x.com' });
  });

  it('when a unique index with a collation is built over duplicates under it, then the build fails', async () => {
    const error = await failure(() => coll.createIndex({ name: 1 }, { unique: true, collation: caseInsensitive }));
    expect(error.code).toBe(11000);
    expect(await coll.indexExists('name_1')).toBe(false);
  });

  it('when indexes are listed, then the collation is reported with every default filled in', async () => {
    await coll.createIndex({ name: 1 }, { collation: caseInsensitive });
    await coll.createIndex({ n: 1 }, { collation: { locale: 'simple' } });
    const byName = Object.fromEntries((await coll.listIndexes().toArray()).map((i) => [i.name, i]));
    expect(byName.name_1?.collation).toEqual(filledIn({ strength: 2 }));
    expect(byName.n_1?.collation).toBeUndefined();
    expect(byName._id_?.collation).toBeUndefined();
  });

  it('when two indexes differ only by collation, then both can exist under different names', async () => {
    await coll.createIndex({ name: 1 }, { name: 'name_ci', collation: caseInsensitive });
    await coll.createIndex({ name: 1 }, { name: 'name_plain' });
    expect((await coll.listIndexes().toArray()).map((i) => i.name).sort()).toEqual(['_id_', 'name_ci', 'name_plain']);
  });

  it('when a query has the index collation, then it uses the index; without it, strings still compare binary', async () => {
    const users = target.db.collection<Row>(`lookup${counter}`);
    await users.insertMany(Array.from({ length: 60 }, (_, i) => ({ _id: i, email: `user${i}@x.com` })));
    await users.createIndex({ email: 1 }, { collation: caseInsensitive });
    const plan = (await users
      .find({ email: 'USER7@X.COM' }, { collation: caseInsensitive })
      .explain('executionStats')) as Document;
    expect(plan.executionStats.nReturned).toBe(1);
    expect(plan.executionStats.totalDocsExamined).toBeLessThanOrEqual(1);
    expect(await users.countDocuments({ email: 'USER7@X.COM' })).toBe(0);
    expect(await ids(users.find({ email: 'USER7@X.COM' }, { hint: 'email_1' }))).toEqual([]);
    expect(await ids(users.find({ email: 'user7@x.com' }))).toEqual([7]);
    // A different collation cannot use the index for strings, but still answers by its own rules.
    expect(await ids(users.find({ email: 'USER7@X.COM' }, { collation: accentInsensitive }))).toEqual([7]);
  });
});

describe('strings outside plain Latin text', () => {
  it('when a collated unique index holds Cyrillic and ß, then equality under the collation still decides', async () => {
    const names = target.db.collection<Row>(`intl${counter}`);
    await names.createIndex({ name: 1 }, { unique: true, collation: accentInsensitive });
    await names.insertMany([
      { _id: 1, name: 'Иван' },
      { _id: 2, name: 'Straße' },
      { _id: 3, name: 'Ørsted' },
    ]);
    expect((await failure(() => names.insertOne({ _id: 4, name: 'иван' }))).code).toBe(11000);
    expect((await failure(() => names.insertOne({ _id: 5, name: 'STRASSE' }))).code).toBe(11000);
    expect((await failure(() => names.insertOne({ _id: 6, name: 'orsted' }))).code).toBe(11000);
    await names.insertOne({ _id: 7, name: 'Петр' });
    const find = (name: string) => ids(names.find({ name }, { collation: accentInsensitive }));
    expect(await find('ИВАН')).toEqual([1]);
    expect(await find('strasse')).toEqual([2]);
    expect(await find('ORSTED')).toEqual([3]);
    expect(await ids(names.find({ name: 'strasse' }))).toEqual([]);
  });

  it('when distinct and $group meet such strings, then they are grouped by the collation', async () => {
    const names = target.db.collection<Row>(`intlg${counter}`);
    await names.insertMany([
      { name: 'Иван' },
      { name: 'иван' },
      { name: 'Straße' },
      { name: 'strasse' },
      { name: 'x' },
    ]);
    expect(await names.distinct('name', {}, { collation: accentInsensitive })).toHaveLength(3);
    const groups = await names
      .aggregate([{ $group: { _id: '$name', n: { $sum: 1 } } }], { collation: accentInsensitive })
      .toArray();
    expect(groups.map((g) => g.n as number).sort()).toEqual([1, 2, 2]);
  });
});

describe('transactions, sub-pipelines and hints under a collation', () => {
  it('when a transaction inserts a case variant into a collated unique index, then it fails with E11000', async () => {
    const users = target.db.collection<Row>(`txn${counter}`);
    await users.createIndex({ email: 1 }, { unique: true, collation: caseInsensitive });
    await users.insertOne({ _id: 1, email: 'a@x.com' });
    const session = target.client.startSession();
    try {
      const error = await failure(() =>
        session.withTransaction(async (s) => {
          await users.insertOne({ _id: 2, email: 'b@x.com' }, { session: s });
          await users.insertOne({ _id: 3, email: 'B@X.COM' }, { session: s });
        }),
      );
      expect(error.code).toBe(11000);
      await session.withTransaction(async (s) => {
        await users.insertOne({ _id: 4, email: 'c@x.com' }, { session: s });
        expect(await users.countDocuments({ email: 'C@X.COM' }, { session: s, collation: caseInsensitive })).toBe(1);
      });
    } finally {
      await session.endSession();
    }
    expect(await ids(users.find({}).sort({ _id: 1 }))).toEqual([1, 4]);
  });

  it('when $facet and $unionWith run under a collation, then their $match and $sort follow it', async () => {
    const [facets] = await coll
      .aggregate(
        [
          {
            $facet: {
              alices: [{ $match: { name: 'ALICE' } }, { $count: 'n' }],
              first: [{ $sort: { name: 1, _id: 1 } }, { $limit: 1 }, { $project: { _id: 1 } }],
            },
          },
        ],
        { collation: caseInsensitive },
      )
      .toArray();
    expect(facets).toEqual({ alices: [{ n: 3 }], first: [{ _id: 1 }] });
    const unioned = await coll
      .aggregate(
        [
          { $match: { name: 'BOB' } },
          { $unionWith: { coll: coll.collectionName, pipeline: [{ $match: { name: 'CAROL' } }] } },
          { $project: { _id: 1 } },
        ],
        { collation: caseInsensitive },
      )
      .toArray();
    expect(unioned.map((d) => d._id).sort()).toEqual([5, 6, 7]);
  });

  it('when a query hints a collated index with that collation, then it is answered through it', async () => {
    await coll.createIndex({ name: 1 }, { name: 'name_ci', collation: caseInsensitive });
    const found = coll.find({ name: 'BOB' }, { collation: caseInsensitive, hint: 'name_ci', sort: { _id: 1 } });
    expect(await ids(found)).toEqual([5, 6]);
    const plan = (await coll
      .find({ name: 'BOB' }, { collation: caseInsensitive, hint: 'name_ci' })
      .explain('executionStats')) as Document;
    expect(plan.executionStats.totalDocsExamined).toBe(2);
  });
});

describe('a collection default collation', () => {
  it('when a collection is created with a collation, then operations without their own use it', async () => {
    const people = await target.db.createCollection<Row>(`ci${counter}`, { collation: caseInsensitive });
    await people.insertMany(PEOPLE);
    expect(await ids(people.find({ name: 'ALICE' }).sort({ _id: 1 }))).toEqual([1, 2, 3]);
    expect(await people.countDocuments({ name: 'bob' })).toBe(2);
    expect(await ids(people.find({ name: 'ALICE' }, { collation: { locale: 'simple' } }))).toEqual([3]);
    const updated = await people.updateMany({ name: 'carol' }, { $set: { seen: true } });
    expect(updated.modifiedCount).toBe(1);
    const [info] = await target.db.listCollections({ name: people.collectionName }).toArray();
    expect((info as Document).options.collation).toEqual(filledIn({ strength: 2 }));
  });

  it('when an index is created on a collection with a default collation, then it inherits it unless simple', async () => {
    const people = await target.db.createCollection<Row>(`cx${counter}`, { collation: caseInsensitive });
    await people.createIndex({ name: 1 });
    await people.createIndex({ n: 1 }, { collation: { locale: 'simple' } });
    const byName = Object.fromEntries((await people.listIndexes().toArray()).map((i) => [i.name, i]));
    expect(byName._id_?.collation).toEqual(filledIn({ strength: 2 }));
    expect(byName.name_1?.collation).toEqual(filledIn({ strength: 2 }));
    expect(byName.n_1?.collation).toBeUndefined();
  });

  it('when string _ids differ only in case in a case-insensitive collection, then the second is a duplicate', async () => {
    const people = await target.db.createCollection<Row>(`cid${counter}`, { collation: caseInsensitive });
    await people.insertOne({ _id: 'a' });
    const error = await failure(() => people.insertOne({ _id: 'A' }));
    expect(error.code).toBe(11000);
    expect(await people.countDocuments()).toBe(1);
    expect(await ids(people.find({ _id: 'A' }))).toEqual(['a']);
    await people.insertMany(Array.from({ length: 30 }, (_, i) => ({ _id: `id${i}` })));
    const plan = (await people.find({ _id: 'ID7' }).explain('executionStats')) as Document;
    expect(plan.executionStats.nReturned).toBe(1);
    expect(plan.executionStats.totalDocsExamined).toBeLessThanOrEqual(1);
  });
});

describe('malformed collations', () => {
  it('when the locale is unknown, then the operation fails with BadValue', async () => {
    const error = await failure(() => coll.find({}, { collation: { locale: 'zz_nope' } }).toArray());
    expect(error.code).toBe(2);
  });

  it('when the strength is out of range or a field is unknown, then the operation fails', async () => {
    await failure(() => coll.find({}, { collation: { locale: 'en', strength: 6 } }).toArray());
    await failure(() => coll.find({}, { collation: { locale: 'en', bogus: true } as CollationOptions }).toArray());
    await failure(() => coll.find({}, { collation: { strength: 2 } as CollationOptions }).toArray());
  });
});

describe('collations survive a restart', () => {
  it('when the engine restarts, then collated indexes and a collection default collation still apply', async (ctx) => {
    // Engine only: restarting needs the in-process engine; a real MongoDB is not restarted by this suite.
    ctx.skip(target.external, 'restarting needs the in-process engine, not an external server');
    const dbPath = await mkdtemp(join(tmpdir(), 'engine-collation-'));
    try {
      const first = await startEmbeddedMongo({ dbPath });
      await withShopClient(first.uri, async (client) => {
        const db = client.db();
        const people = await db.createCollection<Row>('people', { collation: caseInsensitive });
        await people.insertMany([{ _id: 'a', email: 'a@x.com' }]);
        await people.createIndex({ email: 1 }, { unique: true });
      });
      await first.stop();
      for (let restart = 0; restart < 2; restart++) {
        const engine = await startEmbeddedMongo({ dbPath });
        try {
          await withShopClient(engine.uri, async (client) => {
            const people = client.db().collection<Row>('people');
            const indexes = await people.listIndexes().toArray();
            expect(indexes.map((i) => i.collation)).toEqual([filledIn({ strength: 2 }), filledIn({ strength: 2 })]);
            expect((await failure(() => people.insertOne({ _id: 'A' }))).code).toBe(11000);
            expect((await failure(() => people.insertOne({ _id: 'b', email: 'A@X.com' }))).code).toBe(11000);
            expect(await ids(people.find({ email: 'A@X.COM' }))).toEqual(['a']);
          });
        } finally {
          await engine.stop();
        }
      }
    } finally {
      await rm(dbPath, { recursive: true, force: true });
    }
  });
});
