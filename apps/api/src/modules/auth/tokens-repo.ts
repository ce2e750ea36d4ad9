import { ObjectId, type Collection, type Db } from 'mongodb';
import type { CollectionIndexes } from '../../lib/mongo-indexes.js';
import { hashSecret, newSecret } from './secret-tokens.js';

export type TokenPurpose = 'verify_email' | 'reset_password';

/** Single-use emailed tokens (verification, password reset), stored only as hashes. */
export interface AuthTokenDoc {
  _id: ObjectId;
  userId: ObjectId;
  purpose: TokenPurpose;
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
}

export const AUTH_TOKENS = 'auth_tokens';

export const authTokenIndexes: CollectionIndexes = {
  collection: AUTH_TOKENS,
  indexes: [
    { key: { tokenHash: 1 }, name: 'tokenHash_unique', unique: true },
    { key: { userId: 1, purpose: 1 }, name: 'userId_1_purpose_1' },
    { key: { expiresAt: 1 }, name: 'expiresAt_ttl', expireAfterSeconds: 0 },
  ],
};

export function createAuthTokensRepo(db: Db) {
  const tokens: Collection<AuthTokenDoc> = db.collection<AuthTokenDoc>(AUTH_TOKENS);
  return {
    /** Takes a token exactly once: the delete is the use, so a replay finds nothing. */
    consume(tokenHash: string, purpose: TokenPurpose) {
      return tokens.findOneAndDelete({ tokenHash, purpose, expiresAt: { $gt: new Date() } });
    },
    /** Creates a single-use token for an emailed link and returns the secret (only its hash is stored). */
    async issue(userId: ObjectId, purpose: TokenPurpose, ttlMs: number): Promise<string> {
      const secret = newSecret();
      const now = new Date();
      await tokens.insertOne({
        _id: new ObjectId(),
        userId,
        purpose,
        tokenHash: hashSecret(secret),
        createdAt: now,
        expiresAt: new Date(now.getTime() + ttlMs),
      });
      return secret;
    },
    async deleteAllForUser(userId: ObjectId, purpose?: TokenPurpose): Promise<void> {
      await tokens.deleteMany(purpose ? { userId, purpose } : { userId });
    },
    /** Retention: the TTL index removes them too, but on its own schedule (every 60 s on MongoDB). */
    async deleteExpired(now: Date): Promise<number> {
      return (await tokens.deleteMany({ expiresAt: { $lte: now } })).deletedCount;
    },
  };
}

export type AuthTokensRepo = ReturnType<typeof createAuthTokensRepo>;
