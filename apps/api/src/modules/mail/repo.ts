import { ObjectId, type Collection, type Db, type Filter } from 'mongodb';
import type { CollectionIndexes } from '../../lib/mongo-indexes.js';
import type { PersonalData } from '../../lib/personal-data.js';
import type { MailMessage } from './mailer.js';

export type MailStatus = 'stored' | 'queued' | 'sent' | 'failed';

/**
 * As stored. The recipient and the body are personal data (names, addresses, links that sign in): both are sealed,
 * the recipient is findable by exact address through `toIndex`, and the body is purged after delivery plus
 * MAIL_BODY_RETENTION_DAYS, leaving the delivery log (recipient, subject, tag, status, dates).
 */
export interface MailMessageDoc {
  _id: ObjectId;
  /** Sealed recipient address (context `mail_messages.to:<id>`). */
  to: string;
  toIndex: string;
  /** Subjects name the shop and order numbers only, never the person: kept in clear for the delivery log. */
  subject: string;
  /** Sealed `{text, html}` (context `mail_messages.body:<id>`); absent once purged. */
  body?: string;
  bodyPurgedAt?: Date;
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

/** A stored message as the shop reads it: recipient and body opened (body null once purged). */
export interface MailMessageView extends Omit<MailMessageDoc, 'to' | 'toIndex' | 'body'> {
  to: string;
  text: string | null;
  html: string | null;
}

export interface NewMailMessage extends MailMessage {
  status: MailStatus;
  attempts: number;
  createdAt: Date;
}

export const MAIL_COLLECTION = 'mail_messages';

export const mailToContext = (id: ObjectId) => `mail_messages.to:${id.toHexString()}`;
export const mailBodyContext = (id: ObjectId) => `mail_messages.body:${id.toHexString()}`;

export const mailIndexes: CollectionIndexes = {
  collection: MAIL_COLLECTION,
  indexes: [
    { key: { createdAt: -1 }, name: 'createdAt_-1' },
    { key: { toIndex: 1, createdAt: -1 }, name: 'toIndex_1_createdAt_-1' },
    {
      key: { dedupeKey: 1 },
      name: 'dedupeKey_unique',
      unique: true,
      partialFilterExpression: { dedupeKey: { $type: 'string' } },
    },
    { key: { bodyPurgedAt: 1, status: 1, createdAt: 1 }, name: 'bodyPurgedAt_status_createdAt' },
  ],
  retired: ['to_1_createdAt_-1'],
};

/** The only code that touches the mail collection. */
export function createMailRepo(db: Db, personal: PersonalData) {
  const collection: Collection<MailMessageDoc> = db.collection<MailMessageDoc>(MAIL_COLLECTION);
  const open = (doc: MailMessageDoc): MailMessageView => {
    const { to, toIndex: _index, body, ...rest } = doc;
    const content = body ? personal.openJson<{ text: string; html: string }>(body, mailBodyContext(doc._id)) : null;
    return {
      ...rest,
      to: personal.open(to, mailToContext(doc._id)),
      text: content?.text ?? null,
      html: content?.html ?? null,
    };
  };
  const recipient = (email: string): Filter<MailMessageDoc> => ({ toIndex: personal.blindIndex('email', email) });
  return {
    /** Inserts the message sealed; null when its dedupe key was already used. */
    async insert(message: NewMailMessage): Promise<ObjectId | null> {
      const _id = new ObjectId();
      const { to, text, html, dedupeKey, ...rest } = message;
      try {
        await collection.insertOne({
          _id,
          ...rest,
          ...(dedupeKey ? { dedupeKey } : {}),
          to: personal.seal(to, mailToContext(_id)),
          toIndex: personal.blindIndex('email', to),
          body: personal.sealJson({ text, html }, mailBodyContext(_id)),
        });
        return _id;
      } catch (error) {
        if ((error as { code?: number }).code === 11000 && message.dedupeKey) return null;
        throw error;
      }
    },
    async findById(id: ObjectId): Promise<MailMessageView | null> {
      const doc = await collection.findOne({ _id: id });
      return doc ? open(doc) : null;
    },
    async list(filter: { to?: string | undefined; tag?: string | undefined }, page: number, pageSize: number) {
      const query: Filter<MailMessageDoc> = { ...(filter.to ? recipient(filter.to) : {}) };
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
      return { items: items.map(open), total };
    },
    /** Every message sent to one address (data export), newest first. */
    async listTo(email: string): Promise<MailMessageView[]> {
      return (await collection.find(recipient(email)).sort({ createdAt: -1 }).toArray()).map(open);
    },
    /** Deletes every message sent to one address (erasure). */
    async deleteTo(email: string): Promise<number> {
      return (await collection.deleteMany(recipient(email))).deletedCount;
    },
    /**
     * Purges the bodies of messages that were delivered before `sentBefore`, or kept in the development outbox
     * (or given up on) since before `storedBefore`: the delivery log stays.
     */
    async purgeBodies(before: Date): Promise<number> {
      const result = await collection.updateMany(
        {
          bodyPurgedAt: { $exists: false },
          $or: [
            { status: 'sent', sentAt: { $lt: before } },
            { status: { $in: ['stored', 'failed'] }, createdAt: { $lt: before } },
          ],
        },
        { $unset: { body: '' }, $set: { bodyPurgedAt: new Date() } },
      );
      return result.modifiedCount;
    },
    /** Removes delivery-log entries older than `before` that are no longer waiting to be delivered. */
    async deleteOlderThan(before: Date): Promise<number> {
      const result = await collection.deleteMany({ createdAt: { $lt: before }, status: { $ne: 'queued' } });
      return result.deletedCount;
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
