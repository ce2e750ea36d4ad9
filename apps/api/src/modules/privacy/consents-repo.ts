import { ObjectId, type Collection, type Db } from 'mongodb';
import type { CollectionIndexes } from '../../lib/mongo-indexes.js';

export type ConsentPurpose = 'marketing_email';
export type ConsentSource = 'signup' | 'account' | 'unsubscribe_link';

/** One row per choice a user made: the history behind `users.marketing` (proof of consent, GDPR art. 7(1)). */
export interface ConsentDoc {
  _id: ObjectId;
  userId: ObjectId;
  purpose: ConsentPurpose;
  granted: boolean;
  wordingVersion: string;
  source: ConsentSource;
  at: Date;
}

export const CONSENTS = 'consents';

export const consentIndexes: CollectionIndexes = {
  collection: CONSENTS,
  indexes: [{ key: { userId: 1, at: -1 }, name: 'userId_1_at_-1' }],
};

export function createConsentsRepo(db: Db) {
  const consents: Collection<ConsentDoc> = db.collection<ConsentDoc>(CONSENTS);
  return {
    async record(entry: Omit<ConsentDoc, '_id'>): Promise<void> {
      await consents.insertOne({ _id: new ObjectId(), ...entry });
    },
    listForUser: (userId: ObjectId) => consents.find({ userId }).sort({ at: -1, _id: -1 }).toArray(),
    async deleteForUser(userId: ObjectId): Promise<number> {
      return (await consents.deleteMany({ userId })).deletedCount;
    },
  };
}

export type ConsentsRepo = ReturnType<typeof createConsentsRepo>;
