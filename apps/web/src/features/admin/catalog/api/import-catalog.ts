import { ZCatalogImportReportSchema, type TCatalogImportReport } from '@mercato/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../../lib/api-client.js';
import { invalidateAfterProductWrite } from './admin-catalog-keys.js';

/** `POST /api/admin/catalog/import` (multipart `file`): a dry run unless `dryRun` is false; the per-row report. */
export function importCatalog(file: File, dryRun: boolean): Promise<TCatalogImportReport> {
  const form = new FormData();
  form.append('file', file);
  return apiFetch('/api/admin/catalog/import', {
    method: 'POST',
    query: { dryRun },
    body: form,
    schema: ZCatalogImportReportSchema,
  });
}

/** React hook: an applied import refreshes the admin lists and the storefront queries of this tab. */
export function useImportCatalog() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => importCatalog(file, dryRun),
    onSuccess: (report) => (report.dryRun ? undefined : invalidateAfterProductWrite(queryClient)),
  });
}
