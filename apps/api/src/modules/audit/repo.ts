import { ObjectId, type Collection, type Db, type Filter } from 'mongodb';
import type { CollectionIndexes } from '../../lib/mongo-indexes.js';

export interface Actor {
  id: string;
  email: string;
}

export interface AuditDoc {
  _id: ObjectId;
  actor: Actor;
  /** `<entity>.<verb>`, e.g. `product.update`, `order.refund`. */
  action: string;
  entity: { type: string; id: string };
  before: unknown;
  after: unknown;
  at: Date;
}

export const AUDIT = 'audit_log';

export const auditIndexes: CollectionIndexes = {
  collection: AUDIT,
  indexes: [
    { key: { at: -1 }, name: 'at_-1' },
    { key: { 'entity.type': 1, 'entity.id': 1, at: -1 }, name: 'entity_at' },
  ],
};

/** Append-only record of admin changes: who, what, when, before and after. */
export function createAuditLog(db: Db) {
  const log: Collection<AuditDoc> = db.collection<AuditDoc>(AUDIT);
  return {
    async record(entry: Omit<AuditDoc, '_id' | 'at'>): Promise<void> {
      await log.insertOne({ _id: new ObjectId(), at: new Date(), ...entry });
    },
    /** Many changes of one operation (a catalogue import) in one write. */
    async recordMany(entries: Omit<AuditDoc, '_id' | 'at'>[]): Promise<void> {
      if (entries.length === 0) return;
      const at = new Date();
      await log.insertMany(entries.map((entry) => ({ _id: new ObjectId(), at, ...entry })));
    },
    /** Every entry about one entity, oldest first (what a migration reads to tell how a record came to be). */
    history(entity: AuditDoc['entity']): Promise<AuditDoc[]> {
      return log.find({ 'entity.type': entity.type, 'entity.id': entity.id }).sort({ at: 1, _id: 1 }).toArray();
    },
    /** Erasure: entries the person made stay (what was done, when), without their address. */
    async scrubActor(actorId: string): Promise<void> {
      await log.updateMany({ 'actor.id': actorId }, { $set: { 'actor.email': 'erased' } });
    },
    /** Retention: entries older than AUDIT_RETENTION_DAYS. */
    async deleteOlderThan(before: Date): Promise<number> {
      return (await log.deleteMany({ at: { $lt: before } })).deletedCount;
    },
    async list(
      filter: { entityType?: string | undefined; entityId?: string | undefined },
      page: number,
      pageSize: number,
    ) {
      const query: Filter<AuditDoc> = {};
      if (filter.entityType) query['entity.type'] = filter.entityType;
      if (filter.entityId) query['entity.id'] = filter.entityId;
      const [items, total] = await Promise.all([
        log
          .find(query)
          .sort({ at: -1, _id: -1 })
          .skip((page - 1) * pageSize)
          .limit(pageSize)
          .toArray(),
        log.countDocuments(query),
      ]);
      return { items, total };
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
