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

    /** Edits a coupon. A new usage limit shifts `remaining` by the difference atomically, so in-flight reservations stay counted. */
    async update(id: string, patch: TCouponPatch, actor: Actor): Promise<TCoupon> {
      const before = await coupons.findById(new ObjectId(id));
      if (!before) throw notFound('Coupon');
      const type = patch.type ?? before.type;
      const value = patch.value ?? before.value;
      if (type === 'percent' && value > 100) throw invalidField('body.value', 'a percentage must be between 1 and 100');
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
      let after = await coupons.updateCoupon(before._id, set);
      if (patch.usageLimit !== undefined && patch.usageLimit !== before.usageLimit) {
        after = await coupons.changeUsageLimit(before._id, patch.usageLimit);
      }
      if (!after) throw notFound('Coupon');
      await record(actor, 'coupon.update', before._id, before, after);
      return toCoupon(after);
    },
  };
}

export type AdminCoupons = ReturnType<typeof createAdminCoupons>;
