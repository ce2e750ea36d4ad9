import type { TCatalogCsvFormat } from '@mercato/shared';
import { useState } from 'react';
import { Button } from '../../../../components/ui/button.js';
import { useDocumentTitle } from '../../../../hooks/use-document-title.js';
import { downloadCatalog } from '../api/export-catalog.js';
import { useImportCatalog } from '../api/import-catalog.js';
import { ImportReport } from './import-report.js';

/**
 * `/admin/import`: upload a catalogue CSV (ours or Shopify's), read the dry-run report, then apply the same file;
 * and download the catalogue in either format. Nothing is written until "Apply" is pressed.
 */
export function CatalogImportPage() {
  useDocumentTitle('Import and export · Admin');
  const [file, setFile] = useState<File | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const run = useImportCatalog();
  const report = run.data;
  const check = (chosen: File) => {
    setFile(chosen);
    run.mutate({ file: chosen, dryRun: true });
  };
  const download = (format: TCatalogCsvFormat) => {
    setExportError(null);
    downloadCatalog(format).catch((error: Error) => setExportError(error.message));
  };
  const canApply = file !== null && report?.dryRun === true && report.products.created + report.products.updated > 0;

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold tracking-tight">Import and export</h1>
      <section className="flex flex-col gap-3" aria-labelledby="import-heading">
        <h2 id="import-heading" className="text-lg font-semibold">
          Import products from CSV
        </h2>
        <p className="text-sm text-neutral-600">
          Our format or a Shopify product export. The file is checked first; nothing changes until you apply it.
        </p>
        <label className="flex flex-col gap-1 text-sm font-medium">
          CSV file
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => {
              const chosen = event.currentTarget.files?.[0];
              if (chosen) check(chosen);
            }}
          />
        </label>
        {run.isPending && <p role="status">Reading {file?.name}…</p>}
        {run.isError && (
          <p role="alert" className="text-sm text-red-700">
            {run.error.message}
          </p>
        )}
        {report && !run.isPending && <ImportReport report={report} />}
        {report && (
          <div className="flex gap-3">
            <Button disabled={!canApply || run.isPending} onClick={() => file && run.mutate({ file, dryRun: false })}>
              Apply
            </Button>
            {!report.dryRun && (
              <p role="status">
                {/* Products with an error were not written: saying the catalogue matches the file would be false. */}
                {report.products.failed > 0
                  ? 'Applied, except the products with errors: fix their rows and import the file again.'
                  : 'Applied: the catalogue now matches the file.'}
              </p>
            )}
          </div>
        )}
      </section>
      <section className="flex flex-col gap-3" aria-labelledby="export-heading">
        <h2 id="export-heading" className="text-lg font-semibold">
          Export the catalogue
        </h2>
        <div className="flex gap-3">
          <Button variant="secondary" onClick={() => download('mercato')}>
            Download CSV
          </Button>
          <Button variant="secondary" onClick={() => download('shopify')}>
            Download for Shopify
          </Button>
        </div>
        {exportError && (
          <p role="alert" className="text-sm text-red-700">
            {exportError}
          </p>
        )}
      </section>
    </div>
  );
}
