import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../lib/migrations.js';
import { signedInUser } from '../../test-support/auth.test-support.js';
import { createCategory, createProduct } from '../../test-support/catalog.test-support.js';
import { closeKeepingDatabase, request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { searchKeysMigration } from './migrate.js';

let ctx: TestApp;
let productId: ObjectId;

/**
 * An upgrade: products stored by the previous version (whole-word `searchTokens`, no `searchKeys`) must be found
 * with prefixes and typos by the next start, without anyone re-saving them.
 */
beforeAll(async () => {
  const first = await startTestApp();
  const admin = await signedInUser(first, { role: 'admin' });
  const category = await createCategory(first, admin.accessToken, { name: 'Kitchen' });
  const created = await createProduct(first, admin.accessToken, {
    name: 'Chef’s Knife',
    description: 'Forged stainless steel.',
    categoryId: category.id,
  });
  productId = new ObjectId(created.id);
  // The previous version's shape, exactly as it wrote it, and no record that this migration ran.
  await first.db.collection('products').updateOne(
    { _id: productId },
    {
      $set: { searchTokens: ['chef', 's', 'knife', 'forged', 'stainless', 'steel'] },
      $unset: { searchKeys: '', searchVersion: '' },
    },
  );
  await first.db.collection(MIGRATIONS).deleteOne({ _id: searchKeysMigration.id as never });
  await closeKeepingDatabase(first);
  ctx = await startTestApp({
    MONGODB_URI: first.config.MONGODB_URI,
    DATA_ENCRYPTION_KEYS: first.config.DATA_ENCRYPTION_KEYS,
  });
});
afterAll(() => ctx.close());

describe('search keys migration', () => {
  it('when the app starts on products of the previous shape, then their keys are computed and the old tokens dropped', async () => {
    const doc = await ctx.db.collection('products').findOne({ _id: productId });
    expect(doc?.searchTokens).toBeUndefined();
    expect(doc?.searchVersion).toBe(1);
    expect(doc?.searchKeys).toEqual(expect.arrayContaining(['np:knif', 's:kitchen', 'd:knfe']));
    const record = await ctx.db.collection(MIGRATIONS).findOne({ _id: searchKeysMigration.id as never });
    expect(record?.result).toEqual({ products: 1 });
  });

  it('when a shopper searches a prefix, a typo or the category, then the migrated product is found', async () => {
    for (const q of ['knif', 'kinfe', 'kitchen knife']) {
      const response = await request(ctx.url, 'GET', `/api/search?q=${encodeURIComponent(q)}`);
      expect(
        response.body.items.map((item: { name: string }) => item.name),
        q,
      ).toEqual(['Chef’s Knife']);
    }
  });

  it('when the migration runs again (a crash before it was recorded, a second instance), then it changes nothing', async () => {
    const before = await ctx.db.collection('products').findOne({ _id: productId });
    expect(await searchKeysMigration.run(ctx.app.mongo.db, ctx.app.log)).toEqual({ products: 0 });
    expect(await ctx.db.collection('products').findOne({ _id: productId })).toEqual(before);
  });
});
