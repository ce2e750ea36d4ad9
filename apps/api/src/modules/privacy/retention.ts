import type { PrivacyDeps } from './deps.js';
import { anonymiseOrder } from './erase.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const ORDER_BATCH = 200;

export interface RetentionReport {
  tokens: number;
  sessions: number;
  carts: number;
  mailBodies: number;
  mailLog: number;
  notifications: number;
  audit: number;
  unpaidOrders: number;
}

/**
 * Purges what has no reason to stay (docs/privacy.md, "Retention"), each kind after its own period. `now` is a
 * parameter so tests can run it as of any day; the scheduled job passes the clock. Throttle counters need nothing
 * here: they are Redis keys with a TTL.
 */
export async function runRetention(deps: PrivacyDeps, now: Date = new Date()): Promise<RetentionReport> {
  const { config } = deps;
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const report: RetentionReport = {
    tokens: await deps.tokens.deleteExpired(now),
    sessions: await deps.sessions.deleteEnded(daysAgo(config.SESSION_RETENTION_DAYS), now),
    carts: await deps.carts.deleteUntouchedSince(daysAgo(config.CART_RETENTION_DAYS)),
    mailBodies: await deps.mail.purgeBodies(daysAgo(config.MAIL_BODY_RETENTION_DAYS)),
    mailLog: await deps.mail.deleteOlderThan(daysAgo(config.MAIL_LOG_RETENTION_DAYS)),
    notifications: await deps.notifications.deleteOlderThan(daysAgo(config.NOTIFICATION_RETENTION_DAYS)),
    audit: await deps.audit.deleteOlderThan(daysAgo(config.AUDIT_RETENTION_DAYS)),
    unpaidOrders: 0,
  };
  // Checkouts that were never paid carry a name and address with no accounting reason to keep them.
  for (;;) {
    const batch = await deps.orders.findUnpaidToAnonymise(daysAgo(config.UNPAID_ORDER_RETENTION_DAYS), ORDER_BATCH);
    if (batch.length === 0) break;
    for (const order of batch) if (await anonymiseOrder(deps, order)) report.unpaidOrders += 1;
    if (batch.length < ORDER_BATCH) break;
  }
  return report;
}
