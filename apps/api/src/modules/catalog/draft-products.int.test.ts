import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../lib/migrations.js';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createProduct } from '../../test-support/catalog.test-support.js';
import { quickShoppers } from '../../test-support/checkout.test-support.js';
import { closeKeepingDatabase, request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { draftVariantMigration } from './draft-variant-migration.js';

let ctx: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  ctx = await startTestApp();
  admin = await signedInUser(ctx, { role: 'admin' });
});
afterAll(() => ctx.close());

const silent = { info() {}, warn() {}, error() {} } as never;
const publish = (id: string) =>
  request(ctx.url, 'PATCH', `/api/admin/products/${id}`, { token: admin.accessToken, body: { active: true } });
const addToCart = (shopper: SignedIn, productId: string) =>
  request(ctx.url, 'POST', '/api/cart/items', { token: shopper.accessToken, body: { productId, quantity: 1 } });
const variantOf = async (id: string) =>
  (await ctx.db.collection('products').findOne({ _id: new ObjectId(id) }))?.variants[0];

describe('products created as drafts', () => {
  it('when a draft is created and then published, then its one variant is on sale: in stock and the cart takes it', async () => {
    const draft = await createProduct(ctx, admin.accessToken, { name: 'Draft kettle', stock: 4, active: false });
    expect(await variantOf(draft.id)).toMatchObject({ active: true });
    expect((await publish(draft.id)).status).toBe(200);

    const page = await request(ctx.url, 'GET', `/api/products/${draft.slug}`);
    expect(page.body).toMatchObject({ inStock: true, stock: 4, variants: [{ isAvailable: true }] });
    const [shopper] = await quickShoppers(ctx, 1);
    const added = await addToCart(shopper!, draft.id);
    expect(added.status, JSON.stringify(added.body)).toBe(200);
  });
});

/**
 * What creating a draft stored before the fix: its variant off sale, and the `product.create` audit entry saying
 * so. Products are created through the API (as staff did) and then given that shape.
 */
async function createdAsOldDraft(name: string) {
  const product = await createProduct(ctx, admin.accessToken, { name, stock: 3, active: false });
  const id = new ObjectId(product.id);
  await ctx.db.collection('products').updateOne({ _id: id }, { $set: { 'variants.0.active': false } });
  const created = await ctx.db
    .collection('audit_log')
    .updateOne({ action: 'product.create', 'entity.id': product.id }, { $set: { 'after.variants.0.active': false } });
  expect(created.modifiedCount).toBe(1);
  return product;
}

/** A product's one variant switched on or off in the variant table, as staff do. */
async function saveVariantActive(id: string, active: boolean) {
  const variant = await variantOf(id);
  const saved = await request(ctx.url, 'PUT', `/api/admin/products/${id}/variants`, {
    token: admin.accessToken,
    body: {
      options: [],
      variants: [{ id: variant._id.toHexString(), sku: variant.sku, price: variant.price, stock: 3, active }],
    },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
}

describe('drafts stored with their variant off sale', () => {
  let published: { id: string; slug: string };
  let stillDraft: { id: string };
  let switchedOffLater: { id: string };
  let switchedOffWhenPublished: { id: string };
  let creationForgotten: { id: string };

  beforeAll(async () => {
    published = await createdAsOldDraft('Old draft kettle');
    expect((await publish(published.id)).status).toBe(200);
    stillDraft = await createdAsOldDraft('Old draft teapot');
    // Staff opened the variant table and saved the variant off: their choice, whatever it was before.
    switchedOffLater = await createdAsOldDraft('Old draft jug');
    await saveVariantActive(switchedOffLater.id, false);
    switchedOffWhenPublished = await createProduct(ctx, admin.accessToken, { name: 'Published cup', stock: 3 });
    await saveVariantActive(switchedOffWhenPublished.id, false);
    // Retention removed the creation's entry: nothing says how the variant came to be off.
    creationForgotten = await createdAsOldDraft('Old draft bowl');
    await ctx.db.collection('audit_log').deleteMany({ 'entity.id': creationForgotten.id });

    await ctx.db.collection(MIGRATIONS).deleteOne({ _id: draftVariantMigration.id as never });
    const { MONGODB_URI, DATA_ENCRYPTION_KEYS, JWT_SECRET } = ctx.config;
    await closeKeepingDatabase(ctx);
    ctx = await startTestApp({ MONGODB_URI, DATA_ENCRYPTION_KEYS, JWT_SECRET });
  });

  it('when the app starts, then the variant of each draft created that way is on sale, the published one is sold, and the migration is recorded', async () => {
    const record = await ctx.db.collection(MIGRATIONS).findOne({ _id: draftVariantMigration.id as never });
    expect(record).toMatchObject({ result: { switchedOn: 2, leftAlone: 3 }, ranAt: expect.any(Date) });
    expect(await variantOf(published.id)).toMatchObject({ active: true, stock: 3 });
    expect(await variantOf(stillDraft.id)).toMatchObject({ active: true });
    const stillDraftDoc = await ctx.db.collection('products').findOne({ _id: new ObjectId(stillDraft.id) });
    expect(stillDraftDoc?.active).toBe(false);

    const page = await request(ctx.url, 'GET', `/api/products/${published.slug}`);
    expect(page.body).toMatchObject({ inStock: true, stock: 3 });
    const [shopper] = await quickShoppers(ctx, 1);
    const added = await addToCart(shopper!, published.id);
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const audit = await ctx.db
      .collection('audit_log')
      .findOne({ action: 'product.variant_on_sale', 'entity.id': published.id });
    expect(audit).toMatchObject({ before: { active: false }, after: { active: true } });
  });

  it('when staff switched the only variant off themselves, or the log no longer says how it was created, then it stays off', async () => {
    for (const product of [switchedOffLater, switchedOffWhenPublished, creationForgotten])
      expect(await variantOf(product.id)).toMatchObject({ active: false });
  });

  it('when the migration runs again, then nothing changes', async () => {
    const before = await ctx.db.collection('products').find({}).sort({ _id: 1 }).toArray();
    expect(await draftVariantMigration.run(ctx.db, silent)).toEqual({ switchedOn: 0, leftAlone: 3 });
    expect(await ctx.db.collection('products').find({}).sort({ _id: 1 }).toArray()).toEqual(before);
  });
});
