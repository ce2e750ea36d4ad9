import type { TRole } from '@mercato/shared';
import { ObjectId, type ClientSession, type Collection, type Db, type Filter } from 'mongodb';
import type { CacheUse } from '../../lib/cache.js';
import type { CollectionIndexes } from '../../lib/mongo-indexes.js';
import type { PersonalData } from '../../lib/personal-data.js';
import { escapeRegex } from '../../lib/regex.js';

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
  /** The shopper's current choice about marketing email; its history is in the consents collection. */
  marketing?: MarketingChoice;
}

export interface MarketingChoice {
  optedIn: boolean;
  at: Date;
  /** Which wording the shopper saw when choosing (see modules/privacy/consent.ts). */
  wordingVersion: string;
}

/** As stored: the name is sealed (context `users.name:<id>`) and findable only by whole words through `nameIndex`. */
interface StoredUserDoc extends UserDoc {
  nameIndex: string[];
}

export const userNameContext = (id: ObjectId) => `users.name:${id.toHexString()}`;

export interface UserSearch {
  q?: string | undefined;
  role?: UserDoc['role'] | undefined;
  status?: UserDoc['status'] | undefined;
}

/** The fields staff change on an account; a change may take it out of the active admins. */
export type AdminFields = Pick<Partial<UserDoc>, 'role' | 'status'>;
const ACTIVE_ADMIN = { role: 'admin', status: 'active' } as const;
const isActiveAdmin = (user: Pick<UserDoc, 'role' | 'status'>) =>
  user.role === ACTIVE_ADMIN.role && user.status === ACTIVE_ADMIN.status;

export const USERS = 'users';
/** Documents that concurrent transactions both write, so the engine lets only one of them commit. */
export const WRITE_GUARDS = 'write_guards';
const ACTIVE_ADMINS_GUARD = 'active-admins';

export const userIndexes: CollectionIndexes = {
  collection: USERS,
  indexes: [
    { key: { email: 1 }, name: 'email_unique', unique: true },
    { key: { role: 1, createdAt: -1 }, name: 'role_1_createdAt_-1' },
    { key: { nameIndex: 1 }, name: 'nameIndex_1' },
  ],
};

/** What the signed-in shopper's own pages show of the account: cached, so it holds no password hash. */
export type UserProfile = Pick<UserDoc, '_id' | 'email' | 'name' | 'role' | 'createdAt' | 'marketing'>;
const PROFILE_FIELDS = { email: 1, name: 1, role: 1, createdAt: 1, marketing: 1 } as const;
const profileKey = (id: string) => `profile:${id}`;
const profileEntry = (id: ObjectId) => ({ key: profileKey(id.toHexString()), tags: [`user:${id.toHexString()}`] });

/**
 * The only code that reads or writes the users collection; names are sealed here and opened on the way out.
 * `profiles` caches what `profile` reads (null for a process that serves no reads, e.g. a CLI: running instances
 * then see its changes within CACHE_TTL_SECONDS); every write that changes a profile drops the cached copy.
 */
export function createUsersRepo(db: Db, personal: PersonalData, profiles: CacheUse | null) {
  const users: Collection<StoredUserDoc> = db.collection<StoredUserDoc>(USERS);
  const guards: Collection<{ _id: string; removals: number }> = db.collection(WRITE_GUARDS);
  /** Opened copies of cached profiles, in this process's memory only (never at rest), gone with the cached object. */
  const opened = new WeakMap<UserProfile, UserProfile>();
  const changed = async (id: ObjectId): Promise<void> => {
    const entry = profileEntry(id);
    await profiles?.cache.invalidate(entry.tags, [entry]);
  };
  const after = async <T>(id: ObjectId, result: T): Promise<T> => {
    await changed(id);
    return result;
  };
  const sealName = (id: ObjectId, name: string) => ({
    name: personal.seal(name, userNameContext(id)),
    nameIndex: personal.wordIndex('name', name),
  });
  const open = (doc: StoredUserDoc | null): UserDoc | null => {
    if (!doc) return null;
    const { nameIndex: _index, ...user } = doc;
    return { ...user, name: personal.openLegacy(doc.name, userNameContext(doc._id)) };
  };
  /**
   * Reads the account and writes it in one transaction. When the write takes an active admin out of the active
   * admins (`leaves`: demoted, disabled, deleted), the same transaction counts the other active admins and bumps a
   * shared guard document: snapshot isolation alone would let two admins removing each other at once both count two
   * and both commit (write skew); writing the guard makes the engine abort one of them (write conflict), and the
   * driver's retry then counts again and refuses. Every path that can remove an admin comes through here.
   */
  const guarded = async <W>(
    id: ObjectId,
    leaves: (before: StoredUserDoc) => boolean,
    write: (session: ClientSession) => Promise<W>,
  ): Promise<{ before: StoredUserDoc; written: W } | 'last-admin' | null> => {
    // Created outside the transaction (a read first, so an existing guard is never written here): two first-ever
    // transactions then both update one document instead of both inserting it.
    if (!(await guards.findOne({ _id: ACTIVE_ADMINS_GUARD })))
      await guards.insertOne({ _id: ACTIVE_ADMINS_GUARD, removals: 0 }).catch((error: { code?: number }) => {
        if (error.code !== 11000) throw error;
      });
    return db.client.withSession((session) =>
      session.withTransaction(async () => {
        const before = await users.findOne({ _id: id }, { session, projection: { passwordHash: 0 } });
        if (!before) return null;
        if (isActiveAdmin(before) && leaves(before)) {
          await guards.updateOne({ _id: ACTIVE_ADMINS_GUARD }, { $inc: { removals: 1 } }, { session, upsert: true });
          const others = await users.countDocuments({ ...ACTIVE_ADMIN, _id: { $ne: id } }, { session });
          if (others === 0) {
            await session.abortTransaction();
            return 'last-admin' as const;
          }
        }
        return { before, written: await write(session) };
      }),
    );
  };

  return {
    findById: async (id: ObjectId) => open(await users.findOne({ _id: id })),
    /**
     * `profile` as held in this process's memory: the opened copy `profile` made of the cached document, or
     * undefined when either is not held (then ask `profile`).
     */
    heldProfile(id: string): UserProfile | undefined {
      const stored = profiles?.cache.held<UserProfile | null>(profileKey(id));
      return stored ? opened.get(stored) : undefined;
    },
    /**
     * The account as its owner sees it, cached in the shopper cache with the name still sealed (a cached copy
     * holds nothing in clear that MongoDB seals); opened here, per read.
     */
    async profile(id: ObjectId): Promise<UserProfile | null> {
      const load = () => users.findOne<UserProfile>({ _id: id }, { projection: PROFILE_FIELDS });
      const stored = profiles
        ? await profiles.cache.getOrLoadValue({ ...profileEntry(id), ttlSeconds: profiles.ttlSeconds }, load)
        : await load();
      if (!stored) return null;
      // The cache hands out the same frozen object until the profile changes: open its name once per object.
      const known = opened.get(stored);
      if (known) return known;
      const profile = Object.freeze({ ...stored, name: personal.openLegacy(stored.name, userNameContext(stored._id)) });
      if (Object.isFrozen(stored)) opened.set(stored, profile);
      return profile;
    },
    /** Drops the cached profile (the person logged out); the next read refills it from MongoDB. */
    dropCached: (id: ObjectId): Promise<void> => changed(id),
    findByEmail: async (email: string) => open(await users.findOne({ email })),
    /** Inserts a user; resolves to null when the email is already taken (unique index), never throws for that. */
    async insert(user: Omit<UserDoc, '_id'>): Promise<UserDoc | null> {
      const doc: UserDoc = { _id: new ObjectId(), ...user };
      try {
        await users.insertOne({ ...doc, ...sealName(doc._id, doc.name) });
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
      const updated = await users.findOneAndUpdate(
        { _id: id },
        { $set: { ...sealName(id, name), updatedAt: new Date() } },
        { returnDocument: 'after' },
      );
      return after(id, open(updated));
    },
    async setMarketing(id: ObjectId, marketing: MarketingChoice): Promise<UserDoc | null> {
      const updated = await users.findOneAndUpdate(
        { _id: id },
        { $set: { marketing, updatedAt: new Date() } },
        { returnDocument: 'after' },
      );
      return after(id, open(updated));
    },
    async setRole(id: ObjectId, role: TRole): Promise<void> {
      await users.updateOne({ _id: id }, { $set: { role, updatedAt: new Date() } });
      await changed(id);
    },
    countAdmins: () => users.countDocuments({ role: 'admin' }),
    /**
     * Changes a role or status under the last-admin guard (see `guarded`). Resolves to the account before and after
     * (no password hash), null when there is none, or `'last-admin'` (nothing written) when no other active admin
     * would remain.
     */
    async updateAdminFieldsUnlessLastAdmin(
      id: ObjectId,
      set: AdminFields,
    ): Promise<{ before: UserDoc; after: UserDoc } | 'last-admin' | null> {
      const result = await guarded(
        id,
        (before) => !isActiveAdmin({ ...before, ...set }),
        (session) =>
          users.findOneAndUpdate(
            { _id: id },
            { $set: { ...set, updatedAt: new Date() } },
            { session, returnDocument: 'after', projection: { passwordHash: 0 } },
          ),
      );
      if (result === 'last-admin') return result;
      return after(
        id,
        result?.written ? { before: open(result.before) as UserDoc, after: open(result.written) as UserDoc } : null,
      );
    },
    /**
     * Removes the account itself (erasure) under the last-admin guard: staff may have promoted or re-enabled it
     * since erasure disabled it. Orders keep the id, which then points at nobody. True when it was deleted, null when
     * there is none, `'last-admin'` (nothing removed) when it is the only active admin.
     */
    async deleteUnlessLastAdmin(id: ObjectId): Promise<true | 'last-admin' | null> {
      const result = await guarded(
        id,
        () => true,
        (session) => users.deleteOne({ _id: id }, { session }),
      );
      if (result === 'last-admin') return result;
      return after(id, result && result.written.deletedCount === 1 ? true : null);
    },
    /** Staff search: a part of the email, or whole words of the name (names are sealed, so only words match). */
    async page(search: UserSearch, page: number, pageSize: number) {
      const filter: Filter<StoredUserDoc> = {};
      if (search.role) filter.role = search.role;
      if (search.status) filter.status = search.status;
      if (search.q) {
        const words = personal.wordIndex('name', search.q);
        filter.$or = [
          { email: { $regex: escapeRegex(search.q.trim().toLowerCase()) } },
          ...(words.length > 0 ? [{ nameIndex: { $all: words } }] : []),
        ];
      }
      const [items, total] = await Promise.all([
        users
          .find(filter, { projection: { passwordHash: 0 } })
          .sort({ createdAt: -1, _id: -1 })
          .skip((page - 1) * pageSize)
          .limit(pageSize)
          .toArray(),
        users.countDocuments(filter),
      ]);
      return { items: items.map((item) => open(item) as UserDoc), total };
    },
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;
