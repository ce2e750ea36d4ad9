import type { TOutboxSummary } from '@mercato/shared';
import { Link } from 'react-router';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../../../../components/ui/table.js';
import { MailDate, MailStatusBadge } from './mail-status-badge.js';

interface OutboxTableProps {
  items: readonly TOutboxSummary[];
  caption: string;
  /** The list's URL search, so "Back to the outbox" from a message returns to the same page and filters. */
  listSearch: string;
  isRefreshing: boolean;
}

/** Emails, newest first: recipient, subject (opens the message), tag, status and date. */
export function OutboxTable({ items, caption, listSearch, isRefreshing }: OutboxTableProps) {
  return (
    <Table caption={caption} hideCaption aria-busy={isRefreshing || undefined}>
      <TableHead>
        <tr>
          <TableHeaderCell>To</TableHeaderCell>
          <TableHeaderCell>Subject</TableHeaderCell>
          <TableHeaderCell>Tag</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Date</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody className={isRefreshing ? 'opacity-60' : undefined}>
        {items.map((message) => (
          <TableRow key={message.id}>
            <TableCell className="max-w-56 truncate" title={message.to}>
              {message.to}
            </TableCell>
            <TableCell className="min-w-56">
              <Link
                to={`/admin/outbox/${message.id}`}
                state={{ listSearch }}
                className="font-medium text-brand-700 underline-offset-2 hover:underline"
              >
                {message.subject}
              </Link>
            </TableCell>
            <TableCell>
              <code className="text-xs whitespace-nowrap text-slate-700">{message.tag}</code>
            </TableCell>
            <TableCell>
              <MailStatusBadge status={message.status} />
            </TableCell>
            <TableCell>
              <MailDate iso={message.createdAt} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
