import { ObjectId, type Collection, type Db } from 'mongodb';
import type { CollectionIndexes } from '../../lib/mongo-indexes.js';

export interface NotificationDoc {
  _id: ObjectId;
  userId: ObjectId;
  type: string;
  title: string;
  body: string;
  link: string | null;
  /** Makes creation idempotent: the same event never notifies twice (e.g. `order.paid:<orderId>`). */
  dedupeKey: string;
  createdAt: Date;
  readAt: Date | null;
}

export const NOTIFICATIONS = 'notifications';

export const notificationIndexes: CollectionIndexes = {
  collection: NOTIFICATIONS,
  indexes: [
    { key: { dedupeKey: 1 }, name: 'dedupeKey_unique', unique: true },
    { key: { userId: 1, createdAt: -1 }, name: 'userId_1_createdAt_-1' },
    { key: { createdAt: 1 }, name: 'createdAt_1' },
  ],
};

export function createNotificationsRepo(db: Db) {
  const notifications: Collection<NotificationDoc> = db.collection<NotificationDoc>(NOTIFICATIONS);
  return {
    /** Creates the notification unless one with the same dedupe key exists. */
    async create(input: Omit<NotificationDoc, '_id' | 'createdAt' | 'readAt'>): Promise<boolean> {
      try {
        await notifications.insertOne({ _id: new ObjectId(), createdAt: new Date(), readAt: null, ...input });
        return true;
      } catch (error) {
        if ((error as { code?: number }).code === 11000) return false;
        throw error;
      }
    },
    async list(userId: ObjectId) {
      const [items, unreadCount] = await Promise.all([
        notifications.find({ userId }).sort({ createdAt: -1, _id: -1 }).limit(50).toArray(),
        notifications.countDocuments({ userId, readAt: null }),
      ]);
      return { items, unreadCount };
    },
    async markRead(userId: ObjectId, ids: ObjectId[] | undefined): Promise<void> {
      await notifications.updateMany(ids ? { userId, _id: { $in: ids }, readAt: null } : { userId, readAt: null }, {
        $set: { readAt: new Date() },
      });
    },
    listAll: (userId: ObjectId) => notifications.find({ userId }).sort({ createdAt: -1, _id: -1 }).toArray(),
    async deleteForUser(userId: ObjectId): Promise<number> {
      return (await notifications.deleteMany({ userId })).deletedCount;
    },
    async deleteOlderThan(before: Date): Promise<number> {
      return (await notifications.deleteMany({ createdAt: { $lt: before } })).deletedCount;
    },
  };
}

export type NotificationsRepo = ReturnType<typeof createNotificationsRepo>;
