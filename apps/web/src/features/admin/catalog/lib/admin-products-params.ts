/** Product states the admin list can be narrowed to. */
export const PRODUCT_STATUSES = ['all', 'active', 'inactive', 'archived'] as const;
export type TProductStatus = (typeof PRODUCT_STATUSES)[number];

/** The admin products table as the URL says it: `?q&status&page`. */
export interface AdminProductsState {
  q: string;
  status: TProductStatus;
  page: number;
}

export const DEFAULT_ADMIN_PRODUCTS: AdminProductsState = { q: '', status: 'all', page: 1 };
export const ADMIN_PAGE_SIZE = 20;

function isStatus(value: string | null): value is TProductStatus {
  return (PRODUCT_STATUSES as readonly string[]).includes(value ?? '');
}

/** Reads the table state from the URL; malformed values fall back to their defaults. */
export function parseAdminProductsParams(params: URLSearchParams): AdminProductsState {
  const status = params.get('status');
  const page = Number(params.get('page'));
  return {
    q: params.get('q')?.trim().slice(0, 100) ?? '',
    status: isStatus(status) ? status : 'all',
    page: Number.isSafeInteger(page) && page >= 1 ? Math.min(page, 10_000) : 1,
  };
}

/** Writes the table state as a query string without defaults. */
export function toAdminProductsSearchParams(state: AdminProductsState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.status !== 'all') params.set('status', state.status);
  if (state.page > 1) params.set('page', String(state.page));
  return params;
}

/** Applies a change; a new search or status starts at page 1. */
export function changeAdminProducts(state: AdminProductsState, change: Partial<AdminProductsState>) {
  return { ...state, ...change, page: change.page ?? 1 };
}
