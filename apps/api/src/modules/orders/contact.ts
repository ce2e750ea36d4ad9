import type { TShippingAddress } from '@mercato/shared';
import type { ObjectId } from 'mongodb';
import type { PersonalData } from '../../lib/personal-data.js';
import type { OrderDoc } from './model.js';

/** Who the order is for, as the shopper gave it at checkout: sealed in the order, opened only where it is shown. */
export interface OrderContact {
  email: string;
  name: string;
}

export const orderContactContext = (id: ObjectId) => `orders.customer:${id.toHexString()}`;
export const orderAddressContext = (id: ObjectId) => `order.shippingAddress:${id.toHexString()}`;

/** What an erased or expired order shows instead of the person: amounts and lines stay, the person does not. */
export const ANONYMOUS_CONTACT: OrderContact = { email: 'erased@invalid', name: 'Erased customer' };

export function sealOrderContact(
  personal: PersonalData,
  id: ObjectId,
  contact: OrderContact,
): Pick<OrderDoc, 'customer' | 'emailIndex'> {
  return {
    customer: personal.sealJson(contact, orderContactContext(id)),
    emailIndex: personal.blindIndex('email', contact.email),
  };
}

export function openOrderContact(personal: PersonalData, order: Pick<OrderDoc, '_id' | 'customer'>): OrderContact {
  return personal.openJson<OrderContact>(order.customer, orderContactContext(order._id));
}

export function sealOrderAddress(personal: PersonalData, id: ObjectId, address: TShippingAddress): string {
  return personal.sealJson(address, orderAddressContext(id));
}

export function openOrderAddress(personal: PersonalData, order: Pick<OrderDoc, '_id' | 'shippingAddress'>) {
  return personal.openJson<TShippingAddress>(order.shippingAddress, orderAddressContext(order._id));
}

/** The address an anonymised order keeps: the country stays for reporting (it is kept in clear anyway). */
export function anonymousAddress(country: TShippingAddress['country']): TShippingAddress {
  return {
    name: ANONYMOUS_CONTACT.name,
    line1: 'Erased',
    line2: '',
    city: 'Erased',
    postalCode: '00000',
    country,
    phone: '000000',
  };
}
