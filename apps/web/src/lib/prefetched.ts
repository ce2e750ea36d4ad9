import { PREFETCHED_RESPONSES_ID } from '@mercato/shared/constants';

// API responses the server rendered into the page (apps/api/src/modules/seo: a product page carries its product,
// the home page its featured products and categories), so the first render does not wait for those requests.

let responses: Map<string, unknown> | undefined;

/** Query parameters in one order, so the page's key and the app's request agree however each was built. */
function normalise(url: string): string {
  const [path = '', search = ''] = url.split('?');
  const params = new URLSearchParams(search);
  params.sort();
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

function load(): Map<string, unknown> {
  if (responses) return responses;
  responses = new Map();
  const element = typeof document === 'undefined' ? null : document.getElementById(PREFETCHED_RESPONSES_ID);
  try {
    const parsed: unknown = JSON.parse(element?.textContent || '{}');
    if (typeof parsed === 'object' && parsed !== null)
      for (const [url, body] of Object.entries(parsed)) responses.set(normalise(url), body);
  } catch {
    // Unreadable: every request goes to the network, as without it.
  }
  return responses;
}

/**
 * The response the page came with for `GET url` (path and query, as requested), once: it is as fresh as the page,
 * so later reads of the same URL (refetches, another visit in the same tab) go to the network.
 */
export function takePrefetched(url: string): unknown {
  const all = load();
  const key = normalise(url);
  const body = all.get(key);
  all.delete(key);
  return body;
}
