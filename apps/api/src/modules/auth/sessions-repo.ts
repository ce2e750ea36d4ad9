import { ObjectId, type Collection, type Db } from 'mongodb';
import type { CacheUse } from '../../lib/cache.js';
import type { CollectionIndexes } from '../../lib/mongo-indexes.js';
import type { PersonalData } from '../../lib/personal-data.js';

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
  /** Sealed `{userAgent, ip}` (context `sessions.device:<id>`): shown to the shopper, unreadable at rest. */
  device: string;
  /** Last time the password was entered for this session (sign-in or re-authentication): gates data export. */
  authenticatedAt: Date;
  revokedAt?: Date;
  revokedReason?: string;
}

export interface SessionDevice {
  userAgent: string;
  ip: string;
}

export const sessionDeviceContext = (id: ObjectId) => `sessions.device:${id.toHexString()}`;

export const SESSIONS = 'sessions';
const REMEMBERED_TOKENS = 50;

export const sessionIndexes: CollectionIndexes = {
  collection: SESSIONS,
  indexes: [
    { key: { userId: 1, createdAt: -1 }, name: 'userId_1_createdAt_-1' },
    // Expired sessions disappear on their own; revoked ones are kept until expiry for reuse detection.
    { key: { expiresAt: 1 }, name: 'expiresAt_ttl', expireAfterSeconds: 0 },
    { key: { revokedAt: 1 }, name: 'revokedAt_1', sparse: true },
  ],
};

/** What a request needs to know of its session: cached (see `liveness`), so it holds nothing else. */
export interface SessionLiveness {
  userId: string;
  expiresAt: Date;
  isRevoked: boolean;
}

/** Cache tags of session liveness: one per session, one per user (for "end every session of this user"). */
export const SESSION_TAGS = {
  session: (sessionId: string) => `session:${sessionId}`,
  ofUser: (userId: string) => `sessions-of:${userId}`,
} as const;

const livenessKey = (sessionId: string) => `session:${sessionId}`;

/**
 * The only code that writes sessions, so every way a session ends (revoke, revoke all, delete, rotate) also
 * invalidates its cached liveness, on every instance, before the caller answers.
 */
export function createSessionsRepo(db: Db, personal: PersonalData, liveCache: CacheUse) {
  const sessions: Collection<SessionDoc> = db.collection<SessionDoc>(SESSIONS);
  const { cache, ttlSeconds } = liveCache;
  const sessionChanged = (id: ObjectId) => cache.bump(SESSION_TAGS.session(id.toHexString()));
  const userSessionsChanged = (userId: ObjectId) => cache.bump(SESSION_TAGS.ofUser(userId.toHexString()));
  return {
    /**
     * Whether the session is live, as cached (memory, then Redis, then MongoDB). `userId` comes from the verified
     * access token; the caller still checks it matches.
     */
    liveness(id: ObjectId, userId: string): Promise<SessionLiveness | null> {
      const hex = id.toHexString();
      return cache.getOrLoadValue(
        { key: livenessKey(hex), tags: [SESSION_TAGS.session(hex), SESSION_TAGS.ofUser(userId)], ttlSeconds },
        async () => {
          const doc = await sessions.findOne({ _id: id }, { projection: { userId: 1, expiresAt: 1, revokedAt: 1 } });
          if (!doc) return null;
          return { userId: doc.userId.toHexString(), expiresAt: doc.expiresAt, isRevoked: doc.revokedAt !== undefined };
        },
      );
    },
    /** `liveness` as held in this process's memory (null: no such session), or undefined when it is not held. */
    heldLiveness: (sessionId: string) => cache.held<SessionLiveness | null>(livenessKey(sessionId)),
    async insert(
      session: Omit<SessionDoc, '_id' | 'usedTokenHashes' | 'device' | 'authenticatedAt'> & SessionDevice,
    ): Promise<SessionDoc> {
      const { userAgent, ip, ...rest } = session;
      const _id = new ObjectId();
      const doc: SessionDoc = {
        _id,
        usedTokenHashes: [],
        ...rest,
        authenticatedAt: rest.createdAt,
        device: personal.sealJson({ userAgent, ip }, sessionDeviceContext(_id)),
      };
      await sessions.insertOne(doc);
      return doc;
    },
    /** The device a session was opened from; sessions written before sealing kept them in clear. */
    deviceOf(session: SessionDoc): SessionDevice {
      const legacy = session as unknown as Partial<SessionDevice>;
      if (!session.device) return { userAgent: legacy.userAgent ?? '', ip: legacy.ip ?? '' };
      return personal.openJson<SessionDevice>(session.device, sessionDeviceContext(session._id));
    },
    async markAuthenticated(id: ObjectId): Promise<void> {
      await sessions.updateOne({ _id: id }, { $set: { authenticatedAt: new Date() } });
    },
    /** Every session of a user, live or not (data export). */
    listAll: (userId: ObjectId) => sessions.find({ userId }).sort({ createdAt: -1 }).toArray(),
    /** Ends every session at once by removing them (erasure): a token of a missing session is refused everywhere. */
    async deleteAllForUser(userId: ObjectId): Promise<number> {
      const deleted = (await sessions.deleteMany({ userId })).deletedCount;
      await userSessionsChanged(userId);
      return deleted;
    },
    findById: (id: ObjectId) => sessions.findOne({ _id: id }),
    /**
     * Rotates atomically: succeeds only if `oldHash` is still the current token of a live session, so two
     * concurrent refreshes with the same token cannot both win.
     */
    async rotate(id: ObjectId, oldHash: string, newHash: string, expiresAt: Date) {
      const rotated = await sessions.findOneAndUpdate(
        { _id: id, tokenHash: oldHash, revokedAt: { $exists: false }, expiresAt: { $gt: new Date() } },
        {
          $set: { tokenHash: newHash, lastUsedAt: new Date(), expiresAt },
          $push: { usedTokenHashes: { $each: [oldHash], $slice: -REMEMBERED_TOKENS } },
        },
        { returnDocument: 'after' },
      );
      // A later expiry: the cached one would end the session early.
      if (rotated) await sessionChanged(id);
      return rotated;
    },
    async revoke(id: ObjectId, reason: string): Promise<boolean> {
      const result = await sessions.updateOne(
        { _id: id, revokedAt: { $exists: false } },
        { $set: { revokedAt: new Date(), revokedReason: reason } },
      );
      await sessionChanged(id);
      return result.modifiedCount === 1;
    },
    async revokeAllForUser(userId: ObjectId, reason: string, exceptId?: ObjectId): Promise<number> {
      const filter = exceptId
        ? { userId, revokedAt: { $exists: false }, _id: { $ne: exceptId } }
        : { userId, revokedAt: { $exists: false } };
      const result = await sessions.updateMany(filter, { $set: { revokedAt: new Date(), revokedReason: reason } });
      await userSessionsChanged(userId);
      return result.modifiedCount;
    },
    /**
     * Retention: revoked sessions once reuse detection no longer needs them, and any that expired. Their cached
     * liveness already says "ended" (and expires within `ttlSeconds`), so there is nothing to invalidate.
     */
    async deleteEnded(revokedBefore: Date, now: Date): Promise<number> {
      const result = await sessions.deleteMany({
        $or: [{ revokedAt: { $lt: revokedBefore } }, { expiresAt: { $lte: now } }],
      });
      return result.deletedCount;
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
