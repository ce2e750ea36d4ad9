import { pageInfo, type TCoupon, type TCouponInput, type TCouponPatch } from '@mercato/shared';
import { ObjectId, type Filter } from 'mongodb';
import { AppError, invalidField, notFound } from '../../lib/app-error.js';
import type { Actor, AuditLog } from '../audit/repo.js';
import type { CategoriesRepo } from '../catalog/categories-repo.js';
import type { CouponDoc } from './model.js';
import type { CouponsRepo } from './repo.js';
import { escapeRegex } from '../../lib/regex.js';

export function toCoupon(doc: CouponDoc): TCoupon {
  return {
    id: doc._id.toHexString(),
    code: doc.code,
    description: doc.description,
    type: doc.type,
    value: doc.value,
    startsAt: doc.startsAt?.toISOString() ?? null,
    endsAt: doc.endsAt?.toISOString() ?? null,
    minSubtotal: doc.minSubtotal,
    usageLimit: doc.usageLimit,
    perCustomerLimit: doc.perCustomerLimit,
    active: doc.active,
    categoryIds: doc.categoryIds.map((id) => id.toHexString()),
    redeemedCount: doc.redeemedCount,
    reservedCount: doc.reservedCount,
    source: doc.source,
    ownerUserId: doc.ownerUserId?.toHexString() ?? null,
    createdAt: doc.createdAt.toISOString(),
  };
}

/** Admin coupon management; every change is audited. */
export function createAdminCoupons(deps: { coupons: CouponsRepo; categories: CategoriesRepo; audit: AuditLog }) {
  const { coupons, categories, audit } = deps;
  const record = (actor: Actor, action: string, id: ObjectId, before: unknown, after: unknown) =>
    audit.record({ actor, action, entity: { type: 'coupon', id: id.toHexString() }, before, after });

  async function categoryIds(ids: string[]): Promise<ObjectId[]> {
    const found = await categories.findByIds(ids.map((id) => new ObjectId(id)));
    ids.forEach((id, index) => {
      if (!found.some((category) => category._id.toHexString() === id))
        throw invalidField(`body.categoryIds.${index}`, 'is not an existing category');
    });
    return found.map((category) => category._id);
  }

  return {
    async list(query: { page: number; pageSize: number; q?: string | undefined; source: 'all' | 'admin' | 'loyalty' }) {
      const filter: Filter<CouponDoc> = {};
      if (query.source !== 'all') filter.source = query.source;
      if (query.q) filter.code = { $regex: `^${escapeRegex(query.q.toUpperCase())}` };
      const [items, total] = await Promise.all([
        coupons.coupons
          .find(filter)
          .sort({ createdAt: -1, _id: -1 })
          .skip((query.page - 1) * query.pageSize)
          .limit(query.pageSize)
          .toArray(),
        coupons.coupons.countDocuments(filter),
      ]);
      return { items: items.map(toCoupon), pageInfo: pageInfo(query.page, query.pageSize, total) };
    },

    async create(input: TCouponInput, actor: Actor): Promise<TCoupon> {
      const now = new Date();
      const doc: CouponDoc = {
        _id: new ObjectId(),
        code: input.code,
        description: input.description,
        type: input.type,
        value: input.value,
        startsAt: input.startsAt ? new Date(input.startsAt) : null,
        endsAt: input.endsAt ? new Date(input.endsAt) : null,
        minSubtotal: input.minSubtotal,
        usageLimit: input.usageLimit,
        remaining: input.usageLimit,
        redeemedCount: 0,
        reservedCount: 0,
        perCustomerLimit: input.perCustomerLimit,
        active: input.active,
        categoryIds: await categoryIds(input.categoryIds),
        source: 'admin',
        ownerUserId: null,
        sourceOrderId: null,
        createdAt: now,
        updatedAt: now,
      };
      if (!(await coupons.insertCoupon(doc))) {
        throw new AppError('CONFLICT', `The code ${input.code} already exists.`, {
          errors: [{ path: 'body.code', message: 'already exists' }],
        });
      }
      await record(actor, 'coupon.create', doc._id, null, doc);
      return toCoupon(doc);
    },

    /**
     * Edits a coupon. The rules that span fields (a percentage is at most 100, the end comes after the start) are
     * checked on the coupon as it will be stored: the write only happens while the fields they read are unchanged,
     * and a concurrent edit makes it check again on the new state (409 if edits keep racing).
     */
    async update(id: string, patch: TCouponPatch, actor: Actor): Promise<TCoupon> {
      const set: Partial<CouponDoc> = {};
      if (patch.description !== undefined) set.description = patch.description;
      if (patch.type !== undefined) set.type = patch.type;
      if (patch.value !== undefined) set.value = patch.value;
      if (patch.startsAt !== undefined) set.startsAt = patch.startsAt ? new Date(patch.startsAt) : null;
      if (patch.endsAt !== undefined) set.endsAt = patch.endsAt ? new Date(patch.endsAt) : null;
      if (patch.minSubtotal !== undefined) set.minSubtotal = patch.minSubtotal;
      if (patch.perCustomerLimit !== undefined) set.perCustomerLimit = patch.perCustomerLimit;
      if (patch.active !== undefined) set.active = patch.active;
      if (patch.categoryIds !== undefined) set.categoryIds = await categoryIds(patch.categoryIds);
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const before = await coupons.findById(new ObjectId(id));
        if (!before) throw notFound('Coupon');
        assertConsistent({ ...before, ...set }, patch);
        const after = await coupons.updateCoupon(before._id, before, set, patch.usageLimit);
        if (!after) continue;
        await record(actor, 'coupon.update', before._id, before, after);
        return toCoupon(after);
      }
      throw new AppError('CONFLICT', 'The coupon is being changed by someone else; reload it and try again.');
    },
  };
}

export type AdminCoupons = ReturnType<typeof createAdminCoupons>;

/** The cross-field rules, on the coupon as it would be stored; the error names the field the edit touched. */
function assertConsistent(
  coupon: Pick<CouponDoc, 'type' | 'value' | 'startsAt' | 'endsAt'>,
  patch: TCouponPatch,
): void {
  if (coupon.type === 'percent' && coupon.value > 100)
    throw invalidField(
      patch.value === undefined ? 'body.type' : 'body.value',
      `a percentage must be between 1 and 100 (the value would be ${coupon.value})`,
    );
  if (coupon.startsAt && coupon.endsAt && coupon.endsAt <= coupon.startsAt)
    throw patch.endsAt === undefined
      ? invalidField('body.startsAt', 'must be before endsAt')
      : invalidField('body.endsAt', 'must be after startsAt');
}
