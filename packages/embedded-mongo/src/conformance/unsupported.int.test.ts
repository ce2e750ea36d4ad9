import { Decimal128, type MongoServerError } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type ConformanceTarget, type Row } from './harness.test-support.js';

let target: ConformanceTarget;

beforeAll(async () => {
  target = await openTarget('unsupported');
  await target.db.collection<Row>('places').insertOne({ name: 'Café', loc: { type: 'Point', coordinates: [0, 0] } });
});

afterAll(async () => {
  await target.close();
});

/**
 * The contract for features outside the engine's scope: a real MongoDB answers correctly, the engine refuses with an
 * error that names the feature. Never a silently different answer.
 */
async function expectSupportedOrNamedFailure<T>(action: () => Promise<T>, feature: string, check: (result: T) => void) {
  const outcome = await action().then(
    (result) => ({ ok: true as const, result }),
    (error: unknown) => ({ ok: false as const, error: error as MongoServerError }),
  );
  if (target.external) {
    expect(outcome.ok).toBe(true);
    if (outcome.ok) check(outcome.result);
    return;
  }
  expect(outcome.ok).toBe(false);
  if (!outcome.ok) {
    expect(typeof outcome.error.code).toBe('number');
    expect(outcome.error.message).toContain(feature);
  }
}

describe('features outside the engine fail loudly', () => {
  it('when a text index is created, then it works on MongoDB and fails naming text indexes on the engine', async () => {
    await expectSupportedOrNamedFailure(
      () => target.db.collection<Row>('places').createIndex({ name: 'text' }),
      'text',
      (name) => expect(name).toBe('name_text'),
    );
  });

  it('when a $text query runs, then the engine fails naming $text', async () => {
    await expectSupportedOrNamedFailure(
      () =>
        target.db
          .collection<Row>('places')
          .find({ $text: { $search: 'café' } })
          .toArray(),
      '$text',
      (docs) => expect(docs).toHaveLength(1),
    );
  });

  it('when a geo operator is used, then the engine fails naming it', async () => {
    await expectSupportedOrNamedFailure(
      () =>
        target.db
          .collection<Row>('places')
          .find({ loc: { $geoWithin: { $centerSphere: [[0, 0], 0.01] } } })
          .toArray(),
      '$geoWithin',
      (docs) => expect(docs).toHaveLength(1),
    );
  });

  it('when $where is used, then the engine fails instead of running JavaScript', async () => {
    await expectSupportedOrNamedFailure(
      () => target.db.collection<Row>('places').find({ $where: 'this.name.length > 2' }).toArray(),
      '$where',
      (docs) => expect(docs).toHaveLength(1),
    );
  });

  it('when find asks for showRecordId, then the engine fails naming the option instead of ignoring it', async () => {
    await expectSupportedOrNamedFailure(
      () => target.db.collection<Row>('places').find({}, { showRecordId: true }).toArray(),
      'showRecordId',
      (docs) => expect(docs[0]?.$recordId).toBeDefined(),
    );
  });

  it('when an unsupported aggregation stage is used, then the engine fails naming it', async () => {
    await expectSupportedOrNamedFailure(
      () =>
        target.db
          .collection<Row>('places')
          .aggregate([{ $collStats: { count: {} } }])
          .toArray(),
      '$collStats',
      (rows) => expect(rows[0]?.count).toBe(1),
    );
  });

  it('when a query uses a collation locale the engine lacks, then the engine fails naming the locale', async () => {
    // en, en_US and root (with simple) are implemented: see collation.int.test.ts.
    await expectSupportedOrNamedFailure(
      () =>
        target.db
          .collection<Row>('places')
          .find({ name: 'CAFÉ' }, { collation: { locale: 'fr_CA', strength: 1 } })
          .toArray(),
      "collation locale 'fr_CA'",
      (docs) => expect(docs).toHaveLength(1),
    );
  });

  it('when a collation asks for strength 4 or backwards accents, then the engine fails naming the option', async () => {
    const places = target.db.collection<Row>('places');
    await expectSupportedOrNamedFailure(
      () => places.find({ name: 'Café' }, { collation: { locale: 'en', strength: 4 } }).toArray(),
      'strength 4',
      (docs) => expect(docs).toHaveLength(1),
    );
    await expectSupportedOrNamedFailure(
      () => places.find({ name: 'CAFÉ' }, { collation: { locale: 'en', strength: 2, backwards: true } }).toArray(),
      'backwards',
      (docs) => expect(docs).toHaveLength(1),
    );
  });

  it('when an aggregation under a collation uses a set expression, then the engine fails naming it', async () => {
    await expectSupportedOrNamedFailure(
      () =>
        target.db
          .collection<Row>('places')
          .aggregate([{ $project: { _id: 0, tags: { $setUnion: [['A'], ['a']] } } }], {
            collation: { locale: 'en', strength: 2 },
          })
          .toArray(),
      '$setUnion',
      (docs) => expect((docs[0] as { tags: string[] }).tags).toHaveLength(1),
    );
  });

  it('when a capped collection is created, then the engine fails naming the option', async () => {
    await expectSupportedOrNamedFailure(
      () => target.db.createCollection('capped', { capped: true, size: 4096 }),
      'capped',
      (coll) => expect(coll.collectionName).toBe('capped'),
    );
  });

  it('when a collection validator is given, then the engine fails naming it instead of not validating', async () => {
    await expectSupportedOrNamedFailure(
      () => target.db.createCollection('validated', { validator: { $jsonSchema: { required: ['name'] } } }),
      'validator',
      (coll) => expect(coll.collectionName).toBe('validated'),
    );
  });

  it('when Decimal128 values are added by $inc or summed by $group, then they are exact on MongoDB and refused by the engine', async () => {
    const prices = target.db.collection<Row>('decimal_prices');
    await prices.insertMany([
      { _id: 1, amount: Decimal128.fromString('0.1') },
      { _id: 2, amount: Decimal128.fromString('0.2') },
    ]);
    await expectSupportedOrNamedFailure(
      () =>
        prices.findOneAndUpdate(
          { _id: 1 },
          { $inc: { amount: Decimal128.fromString('0.2') } },
          { returnDocument: 'after' },
        ),
      'Decimal128',
      (doc) => expect(doc?.amount?.toString()).toBe('0.3'),
    );
    await expectSupportedOrNamedFailure(
      () =>
        prices
          .aggregate<{ total: Decimal128 }>([
            { $match: { _id: 2 } },
            { $group: { _id: null, total: { $sum: '$amount' } } },
          ])
          .toArray(),
      'Decimal128',
      (rows) => expect(rows[0]?.total.toString()).toBe('0.2'),
    );
    // Nothing was written by the refused update.
    if (!target.external) expect((await prices.findOne({ _id: 1 }))?.amount?.toString()).toBe('0.1');
  });
});
