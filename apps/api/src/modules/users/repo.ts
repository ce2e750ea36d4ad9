import type { TRole } from '@mercato/shared';
import { ObjectId, type Collection, type Db, type Filter } from 'mongodb';
import type { CollectionIndexes } from '../../lib/mongo-indexes.js';

export type UserStatus = 'pending' | 'active' | 'disabled';

export interface UserDoc {
  _id: ObjectId;
  /** Trimmed and lower-cased; unique. */
  email: string;
  name: string;
  passwordHash: string;
  role: TRole;
  /** `pending` until the email address is confirmed; only `active` users can sign in. */
  status: UserStatus;
  createdAt: Date;
  updatedAt: Date;
  passwordChangedAt?: Date;
  verifiedAt?: Date;
}

export const USERS = 'users';

export const userIndexes: CollectionIndexes = {
  collection: USERS,
  indexes: [
    { key: { email: 1 }, name: 'email_unique', unique: true },
    { key: { role: 1, createdAt: -1 }, name: 'role_1_createdAt_-1' },
  ],
};

/** The only code that reads or writes the users collection. */
export function createUsersRepo(db: Db) {
  const users: Collection<UserDoc> = db.collection<UserDoc>(USERS);
  return {
    findById: (id: ObjectId) => users.findOne({ _id: id }),
    findByEmail: (email: string) => users.findOne({ email }),
    /** Inserts a user; resolves to null when the email is already taken (unique index), never throws for that. */
    async insert(user: Omit<UserDoc, '_id'>): Promise<UserDoc | null> {
      const doc: UserDoc = { _id: new ObjectId(), ...user };
      try {
        await users.insertOne(doc);
        return doc;
      } catch (error) {
        if ((error as { code?: number }).code === 11000) return null;
        throw error;
      }
    },
    async activate(id: ObjectId): Promise<void> {
      const now = new Date();
      await users.updateOne(
        { _id: id, status: 'pending' },
        { $set: { status: 'active', verifiedAt: now, updatedAt: now } },
      );
    },
    async setPassword(id: ObjectId, passwordHash: string): Promise<void> {
      const now = new Date();
      await users.updateOne({ _id: id }, { $set: { passwordHash, passwordChangedAt: now, updatedAt: now } });
    },
    async setName(id: ObjectId, name: string): Promise<UserDoc | null> {
      return users.findOneAndUpdate(
        { _id: id },
        { $set: { name, updatedAt: new Date() } },
        { returnDocument: 'after' },
      );
    },
    async setRole(id: ObjectId, role: TRole): Promise<void> {
      await users.updateOne({ _id: id }, { $set: { role, updatedAt: new Date() } });
    },
    countAdmins: () => users.countDocuments({ role: 'admin' }),
    async page(filter: Filter<UserDoc>, page: number, pageSize: number) {
      const [items, total] = await Promise.all([
        users
          .find(filter, { projection: { passwordHash: 0 } })
          .sort({ createdAt: -1, _id: -1 })
          .skip((page - 1) * pageSize)
          .limit(pageSize)
          .toArray(),
        users.countDocuments(filter),
      ]);
      return { items: items as UserDoc[], total };
    },
    updateAdminFields: (id: ObjectId, set: Pick<Partial<UserDoc>, 'role' | 'status'>) =>
      users.findOneAndUpdate(
        { _id: id },
        { $set: { ...set, updatedAt: new Date() } },
        { returnDocument: 'after', projection: { passwordHash: 0 } },
      ) as Promise<UserDoc | null>,
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;
