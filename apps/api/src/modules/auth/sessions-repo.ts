import { ObjectId, type Collection, type Db } from 'mongodb';
import type { CollectionIndexes } from '../../lib/mongo-indexes.js';

/**
 * One document per login (a refresh-token family). Only hashes of refresh tokens are stored. `usedTokenHashes`
 * remembers rotated-away tokens so a replayed one is recognised as theft and revokes the family.
 */
export interface SessionDoc {
  _id: ObjectId;
  userId: ObjectId;
  tokenHash: string;
  usedTokenHashes: string[];
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  userAgent: string;
  ip: string;
  revokedAt?: Date;
  revokedReason?: string;
}

export const SESSIONS = 'sessions';
const REMEMBERED_TOKENS = 50;

export const sessionIndexes: CollectionIndexes = {
  collection: SESSIONS,
  indexes: [
    { key: { userId: 1, createdAt: -1 }, name: 'userId_1_createdAt_-1' },
    // Expired sessions disappear on their own; revoked ones are kept until expiry for reuse detection.
    { key: { expiresAt: 1 }, name: 'expiresAt_ttl', expireAfterSeconds: 0 },
  ],
};

export function createSessionsRepo(db: Db) {
  const sessions: Collection<SessionDoc> = db.collection<SessionDoc>(SESSIONS);
  return {
    async insert(session: Omit<SessionDoc, '_id' | 'usedTokenHashes'>): Promise<SessionDoc> {
      const doc: SessionDoc = { _id: new ObjectId(), usedTokenHashes: [], ...session };
      await sessions.insertOne(doc);
      return doc;
    },
    findById: (id: ObjectId) => sessions.findOne({ _id: id }),
    /**
     * Rotates atomically: succeeds only if `oldHash` is still the current token of a live session, so two
     * concurrent refreshes with the same token cannot both win.
     */
    rotate(id: ObjectId, oldHash: string, newHash: string, expiresAt: Date) {
      return sessions.findOneAndUpdate(
        { _id: id, tokenHash: oldHash, revokedAt: { $exists: false }, expiresAt: { $gt: new Date() } },
        {
          $set: { tokenHash: newHash, lastUsedAt: new Date(), expiresAt },
          $push: { usedTokenHashes: { $each: [oldHash], $slice: -REMEMBERED_TOKENS } },
        },
        { returnDocument: 'after' },
      );
    },
    async revoke(id: ObjectId, reason: string): Promise<boolean> {
      const result = await sessions.updateOne(
        { _id: id, revokedAt: { $exists: false } },
        { $set: { revokedAt: new Date(), revokedReason: reason } },
      );
      return result.modifiedCount === 1;
    },
    async revokeAllForUser(userId: ObjectId, reason: string, exceptId?: ObjectId): Promise<number> {
      const filter = exceptId
        ? { userId, revokedAt: { $exists: false }, _id: { $ne: exceptId } }
        : { userId, revokedAt: { $exists: false } };
      const result = await sessions.updateMany(filter, { $set: { revokedAt: new Date(), revokedReason: reason } });
      return result.modifiedCount;
    },
    listActive(userId: ObjectId) {
      return sessions
        .find({ userId, revokedAt: { $exists: false }, expiresAt: { $gt: new Date() } })
        .sort({ lastUsedAt: -1 })
        .limit(100)
        .toArray();
    },
  };
}

export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
