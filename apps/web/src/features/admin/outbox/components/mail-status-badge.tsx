import type { TOutboxSummary } from '@mercato/shared';
import { Badge, type TBadgeTone } from '../../../../components/ui/badge.js';

function toneFor(status: TOutboxSummary['status']): TBadgeTone {
  switch (status) {
    case 'sent':
      return 'success';
    case 'queued':
      return 'warning';
    case 'failed':
      return 'danger';
    case 'stored':
      return 'neutral';
  }
}

const LABELS: Record<TOutboxSummary['status'], string> = {
  stored: 'Stored',
  queued: 'Queued',
  sent: 'Sent',
  failed: 'Failed',
};

/** Delivery status of an email: stored (development outbox), queued, sent or failed. */
export function MailStatusBadge({ status }: { status: TOutboxSummary['status'] }) {
  return <Badge tone={toneFor(status)}>{LABELS[status]}</Badge>;
}

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** When an email was created, in the reader's locale and time zone, as a machine-readable <time>. */
export function MailDate({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} className="whitespace-nowrap">
      {DATE_TIME.format(new Date(iso))}
    </time>
  );
}
