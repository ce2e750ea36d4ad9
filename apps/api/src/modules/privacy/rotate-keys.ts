import type { Db, Document, Filter, ObjectId } from 'mongodb';
import { escapeRegex } from '../../lib/regex.js';
import type { PersonalData } from '../../lib/personal-data.js';
import { MAIL_COLLECTION, mailToContext } from '../mail/repo.js';
import { openOrderContact } from '../orders/contact.js';
import { ORDERS, type OrderDoc } from '../orders/model.js';
import { USERS, userNameContext } from '../users/repo.js';
import { SEALED_FIELDS, type SealedField } from './sealed-fields.js';

const BATCH = 200;

export interface RotationProgress {
  /** `<collection>.<field>`, or `<collection>.<index> (reindex)`. */
  field: string;
  done: number;
  total: number;
}

export interface RotationOptions {
  /** Also recompute every blind index (after BLIND_INDEX_KEY changed). */
  reindex?: boolean;
  onProgress?: (progress: RotationProgress) => void;
}

/**
 * Re-seals every sealed value that is not under the active key (or still in plaintext), field by field, in batches.
 * Each write is conditional on the value it read, so a concurrent change wins and is not overwritten, and two runs
 * (or a run and the daily job) never fight. Resumable by construction: a run only looks for values still to do, so
 * after a crash the next run carries on where this one stopped. Resolves to how many values it re-sealed.
 */
export async function rotateKeys(db: Db, personal: PersonalData, options: RotationOptions = {}): Promise<number> {
  let resealed = 0;
  for (const field of SEALED_FIELDS) resealed += await resealField(db, personal, field, options);
  if (options.reindex) await reindexBlindIndexes(db, personal, options);
  return resealed;
}

async function resealField(
  db: Db,
  personal: PersonalData,
  { collection, field, context }: SealedField,
  options: RotationOptions,
): Promise<number> {
  const documents = db.collection<Document>(collection);
  // Values under the active key start with `v1.<activeKeyId>.`; anything else (older key, plaintext) is to do.
  const pending: Filter<Document> = {
    [field]: { $type: 'string', $not: new RegExp(`^v1\\.${escapeRegex(personal.activeKeyId)}\\.`) },
  };
  const total = await documents.countDocuments(pending);
  const name = `${collection}.${field}`;
  options.onProgress?.({ field: name, done: 0, total });
  let done = 0;
  let after: ObjectId | undefined;
  for (;;) {
    const batch = await documents
      .find(after ? { ...pending, _id: { $gt: after } } : pending, { projection: { [field]: 1 } })
      .sort({ _id: 1 })
      .limit(BATCH)
      .toArray();
    if (batch.length === 0) break;
    for (const doc of batch) {
      const current = doc[field] as string;
      const id = doc._id as ObjectId;
      const plaintext = personal.openLegacy(current, context(id));
      const result = await documents.updateOne(
        { _id: id, [field]: current },
        { $set: { [field]: personal.seal(plaintext, context(id)) } },
      );
      done += result.modifiedCount;
    }
    after = batch[batch.length - 1]?._id as ObjectId;
    options.onProgress?.({ field: name, done, total });
  }
  return done;
}

/** Recomputes blind indexes from the sealed values they index (idempotent: an unchanged digest is not written). */
async function reindexBlindIndexes(db: Db, personal: PersonalData, options: RotationOptions): Promise<void> {
  await reindex(db, ORDERS, 'emailIndex', { anonymisedAt: { $exists: false } }, options, (doc) => ({
    emailIndex: personal.blindIndex('email', openOrderContact(personal, doc as unknown as OrderDoc).email),
  }));
  await reindex(db, MAIL_COLLECTION, 'toIndex', {}, options, (doc) => ({
    toIndex: personal.blindIndex('email', personal.open(doc.to as string, mailToContext(doc._id as ObjectId))),
  }));
  await reindex(db, USERS, 'nameIndex', {}, options, (doc) => ({
    nameIndex: personal.wordIndex(
      'name',
      personal.openLegacy(doc.name as string, userNameContext(doc._id as ObjectId)),
    ),
  }));
}

async function reindex(
  db: Db,
  collection: string,
  index: string,
  filter: Filter<Document>,
  options: RotationOptions,
  compute: (doc: Document) => Document,
): Promise<void> {
  const documents = db.collection<Document>(collection);
  const total = await documents.countDocuments(filter);
  const name = `${collection}.${index} (reindex)`;
  let done = 0;
  for await (const doc of documents.find(filter).sort({ _id: 1 })) {
    const next = compute(doc);
    if (JSON.stringify(doc[index]) !== JSON.stringify(next[index]))
      await documents.updateOne({ _id: doc._id as ObjectId }, { $set: next });
    done += 1;
    if (done % BATCH === 0) options.onProgress?.({ field: name, done, total });
  }
  options.onProgress?.({ field: name, done, total });
}
