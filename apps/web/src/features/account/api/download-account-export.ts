import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { filenameFromContentDisposition } from '../utils/content-disposition.js';

export const EXPORT_FALLBACK_FILENAME = 'mercato-data.json';

export interface AccountExportFile {
  blob: Blob;
  filename: string;
}

/**
 * `GET /api/account/export`: everything the shop holds about the signed-in person, as the file the API names in
 * `Content-Disposition`. Needs a recent password (`REAUTHENTICATION_REQUIRED` otherwise); a few a day
 * (`RATE_LIMITED`). Through the app's client, so the Bearer token and the refresh-and-retry apply.
 */
export async function downloadAccountExport(): Promise<AccountExportFile> {
  const response = await apiFetch.response('/api/account/export');
  const filename = filenameFromContentDisposition(response.headers.get('content-disposition'));
  const blob = await response.blob();
  return { blob, filename: filename ?? EXPORT_FALLBACK_FILENAME };
}

export function useDownloadAccountExport() {
  return useMutation({ mutationFn: downloadAccountExport });
}
