import type { TCatalogImportReport, TCatalogImportResult } from '@mercato/shared';
import { Badge, type TBadgeTone } from '../../../../components/ui/badge.js';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../../../../components/ui/table.js';

const TONE: Record<TCatalogImportResult, TBadgeTone> = {
  created: 'success',
  updated: 'brand',
  unchanged: 'neutral',
  error: 'danger',
  skipped: 'warning',
};
/** Rows shown in the table; a 10,000-row report would make the page crawl, and the errors are listed in full. */
const SHOWN_ROWS = 200;

/** The dry-run (or applied) report: counts, every error and notice by row and column, and the rows' results. */
export function ImportReport({ report }: { report: TCatalogImportReport }) {
  const { created, updated, unchanged, failed } = report.products;
  return (
    <div className="flex flex-col gap-4">
      <p role="status" aria-label="Import summary">
        {report.dryRun ? 'Dry run' : 'Applied'} ({report.format === 'shopify' ? 'Shopify CSV' : 'our CSV'},{' '}
        {report.rows} rows): {created} to create, {updated} to update, {unchanged} unchanged, {failed} with errors
        {failed > 0 && ' (not written; the other products are)'}.
      </p>
      {report.errors.length > 0 && <MessageTable caption="Errors" messages={report.errors} />}
      {report.notices.length > 0 && <MessageTable caption="Notices" messages={report.notices} />}
      {report.ignoredColumns.length > 0 && (
        <p className="text-sm text-neutral-600">Columns not imported: {report.ignoredColumns.join(', ')}</p>
      )}
      <Table caption="Rows">
        <TableHead>
          <TableRow>
            <TableHeaderCell>Row</TableHeaderCell>
            <TableHeaderCell>Handle</TableHeaderCell>
            <TableHeaderCell>SKU</TableHeaderCell>
            <TableHeaderCell>Result</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {report.items.slice(0, SHOWN_ROWS).map((item) => (
            <TableRow key={item.row}>
              <TableCell>{item.row}</TableCell>
              <TableCell>{item.handle}</TableCell>
              <TableCell>{item.sku}</TableCell>
              <TableCell>
                <Badge tone={TONE[item.result]}>{item.result}</Badge>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {report.items.length > SHOWN_ROWS && (
        <p className="text-sm text-neutral-600">
          First {SHOWN_ROWS} of {report.items.length} rows shown.
        </p>
      )}
    </div>
  );
}

function MessageTable({ caption, messages }: { caption: string; messages: TCatalogImportReport['errors'] }) {
  return (
    <Table caption={caption}>
      <TableHead>
        <TableRow>
          <TableHeaderCell>Row</TableHeaderCell>
          <TableHeaderCell>Column</TableHeaderCell>
          <TableHeaderCell>Handle</TableHeaderCell>
          <TableHeaderCell>Message</TableHeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {messages.map((message, index) => (
          <TableRow key={`${message.row}-${message.column}-${index}`}>
            <TableCell>{message.row}</TableCell>
            <TableCell>{message.column}</TableCell>
            <TableCell>{message.handle}</TableCell>
            <TableCell>{message.message}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
