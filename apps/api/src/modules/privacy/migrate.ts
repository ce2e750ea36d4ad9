import type { Db, Document, ObjectId } from 'mongodb';
import type { Migration } from '../../lib/migrations.js';
import type { PersonalData } from '../../lib/personal-data.js';
import { SESSIONS, sessionDeviceContext } from '../auth/sessions-repo.js';
import { MAIL_COLLECTION, mailBodyContext, mailToContext } from '../mail/repo.js';
import { sealOrderContact } from '../orders/contact.js';
import { ORDERS } from '../orders/model.js';
import { USERS, userNameContext } from '../users/repo.js';
import { isSealed } from '../../lib/personal-data.js';

/**
 * Seals what earlier versions stored in clear: an order's `email`/`customerName`, a session's `ip`/`userAgent`, an
 * email's `to`/`text`/`html`, a user's `name`. Each document is rewritten by one update conditional on still having
 * its old shape, so the migration is idempotent and safe with several instances starting at once.
 */
export function sealPersonalFieldsMigration(personal: PersonalData): Migration {
  return {
    id: '2026-12-privacy-seal-personal-fields',
    async run(db: Db) {
      return {
        orders: await rewrite(db, ORDERS, { email: { $type: 'string' } }, (doc) => ({
          $set: sealOrderContact(personal, doc._id as ObjectId, {
            email: doc.email as string,
            name: (doc.customerName as string | undefined) ?? '',
          }),
          $unset: { email: '', customerName: '' },
        })),
        sessions: await rewrite(db, SESSIONS, { device: { $exists: false } }, (doc) => ({
          $set: {
            device: personal.sealJson(
              { userAgent: (doc.userAgent as string | undefined) ?? '', ip: (doc.ip as string | undefined) ?? '' },
              sessionDeviceContext(doc._id as ObjectId),
            ),
          },
          $unset: { userAgent: '', ip: '' },
        })),
        mail: await rewrite(db, MAIL_COLLECTION, { toIndex: { $exists: false } }, (doc) => {
          // keys:rotate seals a plaintext recipient too, so it may be sealed already (as a user's name may be).
          const to = personal.openLegacy(doc.to as string, mailToContext(doc._id as ObjectId));
          return {
            $set: {
              to: personal.seal(to, mailToContext(doc._id as ObjectId)),
              toIndex: personal.blindIndex('email', to),
              body: personal.sealJson(
                { text: doc.text ?? '', html: doc.html ?? '' },
                mailBodyContext(doc._id as ObjectId),
              ),
            },
            $unset: { text: '', html: '' },
          };
        }),
        users: await rewrite(db, USERS, { nameIndex: { $exists: false } }, (doc) => {
          const name = doc.name as string;
          const plain = isSealed(name) ? personal.open(name, userNameContext(doc._id as ObjectId)) : name;
          return {
            $set: {
              name: personal.seal(plain, userNameContext(doc._id as ObjectId)),
              nameIndex: personal.wordIndex('name', plain),
            },
          };
        }),
      };
    },
  };
}

async function rewrite(
  db: Db,
  collection: string,
  oldShape: Document,
  update: (doc: Document) => Document,
): Promise<number> {
  const documents = db.collection<Document>(collection);
  let rewritten = 0;
  for await (const doc of documents.find(oldShape)) {
    const result = await documents.updateOne({ _id: doc._id as ObjectId, ...oldShape }, update(doc));
    rewritten += result.modifiedCount;
  }
  return rewritten;
}
