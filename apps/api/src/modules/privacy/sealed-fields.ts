import type { ObjectId } from 'mongodb';
import { sessionDeviceContext, SESSIONS } from '../auth/sessions-repo.js';
import { mailBodyContext, MAIL_COLLECTION, mailToContext } from '../mail/repo.js';
import { orderAddressContext, orderContactContext } from '../orders/contact.js';
import { ORDERS } from '../orders/model.js';
import { USERS, userNameContext } from '../users/repo.js';

/** A field stored sealed (lib/personal-data), with the context its value is bound to. */
export interface SealedField {
  collection: string;
  field: string;
  context: (id: ObjectId) => string;
}

/**
 * Every sealed field the shop stores: key rotation walks this list, and the privacy inventory test checks that
 * docs/privacy.md names each one. A new sealed field is added here, or it is never re-sealed.
 */
export const SEALED_FIELDS: readonly SealedField[] = [
  { collection: USERS, field: 'name', context: userNameContext },
  { collection: SESSIONS, field: 'device', context: sessionDeviceContext },
  { collection: ORDERS, field: 'customer', context: orderContactContext },
  { collection: ORDERS, field: 'shippingAddress', context: orderAddressContext },
  { collection: MAIL_COLLECTION, field: 'to', context: mailToContext },
  { collection: MAIL_COLLECTION, field: 'body', context: mailBodyContext },
];
