/** How long the object URL outlives the click: the browser has started reading it by then. */
const REVOKE_AFTER_MS = 60_000;

/**
 * Hands a downloaded file to the browser's own download (a temporary object URL and an `<a download>`), so it lands
 * in the downloads folder under `filename` like any other file.
 */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
