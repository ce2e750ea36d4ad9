import type { TPrivacySettings } from '@mercato/shared';

/** "1 day", "30 days". */
export function formatDays(days: number): string {
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

/** What deleting the account removes, in the words the Privacy page uses. */
export const ERASED_DATA: readonly string[] = [
  'Your account: name, email address and password',
  'Your sign-ins on every device (each one is signed out at once)',
  'Your cart',
  'Your notifications',
  'Your personal discount codes',
  'The emails we sent you, as we saved them',
  'Your marketing choices',
];

/** How long the shop keeps each kind of data while the account exists, from the API's configured periods. */
export function retentionRules(days: TPrivacySettings['retentionDays']): string[] {
  return [
    `Records of devices that signed out or were signed out: deleted ${formatDays(days.sessions)} after.`,
    `Carts nobody has changed for ${formatDays(days.carts)}: deleted.`,
    days.emailBodies === 0
      ? 'The content of emails we send you: deleted once they are sent; a record that they were sent stays.'
      : `The content of emails we send you: deleted ${formatDays(days.emailBodies)} after sending; a record that they were sent stays.`,
    `Name, email and address on checkouts that were never paid: removed after ${formatDays(days.unpaidOrders)}.`,
  ];
}
