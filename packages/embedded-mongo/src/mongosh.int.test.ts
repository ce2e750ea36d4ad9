import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type ConformanceTarget } from './conformance/harness.test-support.js';

const run = promisify(execFile);
const MONGOSH = resolve('node_modules/.bin/mongosh');

const SCRIPT = `
db.products.insertMany([
  { sku: 'mug', price: 900, stock: 5, tags: ['kitchen'] },
  { sku: 'cap', price: 1500, stock: 0, tags: ['apparel'] },
  { sku: 'pin', price: 300, stock: 20, tags: ['apparel', 'small'] },
]);
db.products.createIndex({ sku: 1 }, { unique: true });
db.products.updateOne({ sku: 'mug' }, { $inc: { stock: -2 } });
const inStock = db.products.find({ stock: { $gt: 0 } }, { _id: 0, sku: 1 }).sort({ price: -1 }).toArray();
const byTag = db.products.aggregate([
  { $unwind: '$tags' },
  { $group: { _id: '$tags', value: { $sum: { $multiply: ['$price', '$stock'] } } } },
  { $sort: { _id: 1 } },
]).toArray();
let duplicate = 'none';
try { db.products.insertOne({ sku: 'pin' }); } catch (e) { duplicate = e.code; }
print(JSON.stringify({
  inStock,
  byTag,
  count: db.products.countDocuments(),
  mugStock: db.products.findOne({ sku: 'mug' }).stock,
  duplicate,
  collections: db.getCollectionNames(),
}));
`;

let target: ConformanceTarget;
let dir: string;

beforeAll(async () => {
  target = await openTarget('mongosh');
  dir = await mkdtemp(join(tmpdir(), 'mongosh-script-'));
});

afterAll(async () => {
  await target.close();
  await rm(dir, { recursive: true, force: true });
});

describe('mongosh against the engine', () => {
  it('when mongosh runs a script of inserts, queries and an aggregation, then its output has the expected results', async () => {
    const script = join(dir, 'shop.js');
    await writeFile(script, SCRIPT);
    const { stdout } = await run(MONGOSH, [target.uri, '--quiet', '--norc', '--file', script], { timeout: 60_000 });
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
    expect(result).toEqual({
      inStock: [{ sku: 'mug' }, { sku: 'pin' }],
      byTag: [
        { _id: 'apparel', value: 6000 },
        { _id: 'kitchen', value: 2700 },
        { _id: 'small', value: 6000 },
      ],
      count: 3,
      mugStock: 3,
      duplicate: 11000,
      collections: ['products'],
    });
  });

  it('when mongosh evaluates an expression with --eval, then it prints the server answer', async () => {
    const { stdout } = await run(
      MONGOSH,
      [target.uri, '--quiet', '--norc', '--eval', 'print(db.runCommand({ ping: 1 }).ok)'],
      {
        timeout: 60_000,
      },
    );
    expect(stdout.trim()).toBe('1');
  });
});
