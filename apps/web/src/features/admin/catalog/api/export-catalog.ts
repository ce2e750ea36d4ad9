import type { TCatalogCsvFormat } from '@mercato/shared';
import { apiFetch } from '../../../../lib/api-client.js';

/**
 * `GET /api/admin/catalog/export?format=…` saved as a file. The request carries the bearer token, so it is fetched
 * and handed to the browser as a blob rather than followed as a plain link.
 */
export async function downloadCatalog(format: TCatalogCsvFormat): Promise<void> {
  const response = await apiFetch.response('/api/admin/catalog/export', { query: { format } });
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'catalogue.csv';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}
