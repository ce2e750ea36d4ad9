/** The coupons list as the URL says it: `?q&source&page`. */
export interface CouponsState {
  q: string;
  source: 'admin' | 'loyalty' | 'all';
  page: number;
}

const SOURCES = ['admin', 'loyalty', 'all'] as const;

/** Reads the list state from the URL; malformed values fall back to their defaults. */
export function parseCouponsParams(params: URLSearchParams): CouponsState {
  const source = params.get('source');
  const page = Number(params.get('page'));
  return {
    q: params.get('q')?.trim().slice(0, 40) ?? '',
    source: (SOURCES as readonly string[]).includes(source ?? '') ? (source as CouponsState['source']) : 'admin',
    page: Number.isSafeInteger(page) && page >= 1 ? Math.min(page, 10_000) : 1,
  };
}

/** Writes the state as a query string without defaults; any change but paging starts at page 1. */
export function toCouponsSearchParams(state: CouponsState, change: Partial<CouponsState>): URLSearchParams {
  const next = { ...state, ...change, page: change.page ?? 1 };
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  if (next.source !== 'admin') params.set('source', next.source);
  if (next.page > 1) params.set('page', String(next.page));
  return params;
}
