import type { Collection, Db, ObjectId } from 'mongodb';
import type { CollectionIndexes } from '../../lib/mongo-indexes.js';

export type MailStatus = 'stored' | 'queued' | 'sent' | 'failed';

export interface MailMessageDoc {
  _id: ObjectId;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** What the email is about (e.g. `order.confirmation`), for the outbox view and tests. */
  tag: string;
  /** When set, at most one message with this key is ever recorded (e.g. one confirmation per order). */
  dedupeKey?: string;
  status: MailStatus;
  attempts: number;
  lastError?: string;
  createdAt: Date;
  sentAt?: Date;
}

export const MAIL_COLLECTION = 'mail_messages';

export const mailIndexes: CollectionIndexes = {
  collection: MAIL_COLLECTION,
  indexes: [
    { key: { createdAt: -1 }, name: 'createdAt_-1' },
    { key: { to: 1, createdAt: -1 }, name: 'to_1_createdAt_-1' },
    {
      key: { dedupeKey: 1 },
      name: 'dedupeKey_unique',
      unique: true,
      partialFilterExpression: { dedupeKey: { $type: 'string' } },
    },
  ],
};

/** The only code that touches the mail collection. */
export function createMailRepo(db: Db) {
  const collection: Collection<MailMessageDoc> = db.collection<MailMessageDoc>(MAIL_COLLECTION);
  return {
    /** Inserts the message; null when its dedupe key was already used. */
    async insert(message: Omit<MailMessageDoc, '_id'>): Promise<ObjectId | null> {
      try {
        const result = await collection.insertOne(message as MailMessageDoc);
        return result.insertedId;
      } catch (error) {
        if ((error as { code?: number }).code === 11000 && message.dedupeKey) return null;
        throw error;
      }
    },
    findById(id: ObjectId) {
      return collection.findOne({ _id: id });
    },
    async list(filter: { to?: string; tag?: string }, page: number, pageSize: number) {
      const query: Record<string, string> = {};
      if (filter.to) query.to = filter.to;
      if (filter.tag) query.tag = filter.tag;
      const [items, total] = await Promise.all([
        collection
          .find(query)
          .sort({ createdAt: -1, _id: -1 })
          .skip((page - 1) * pageSize)
          .limit(pageSize)
          .toArray(),
        collection.countDocuments(query),
      ]);
      return { items, total };
    },
    async markSent(id: ObjectId): Promise<void> {
      await collection.updateOne({ _id: id }, { $set: { status: 'sent', sentAt: new Date() }, $inc: { attempts: 1 } });
    },
    async markAttemptFailed(id: ObjectId, error: string, isFinal: boolean): Promise<void> {
      await collection.updateOne(
        { _id: id },
        {
          $set: { lastError: error.slice(0, 500), ...(isFinal ? { status: 'failed' as const } : {}) },
          $inc: { attempts: 1 },
        },
      );
    },
  };
}

export type MailRepo = ReturnType<typeof createMailRepo>;
