const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "12 Mar 2026" in the browser's locale. */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

/** "12 Mar 2026, 14:05" in the browser's locale. */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}
