import { ORDER_STATUSES, type TOrderStatus } from '@mercato/shared';

/** The admin orders list as the URL says it: `?status&from&to&q&page` (dates are the admin's local days). */
export interface AdminOrdersState {
  status: TOrderStatus | 'all';
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive. */
  to: string;
  q: string;
  page: number;
}

export const DEFAULT_ADMIN_ORDERS: AdminOrdersState = { status: 'all', from: '', to: '', q: '', page: 1 };
export const ADMIN_ORDERS_PAGE_SIZE = 20;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDay(value: string | null): value is string {
  return value !== null && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00`));
}

function isStatus(value: string | null): value is TOrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value ?? '');
}

/** Reads the list state from the URL; malformed values fall back to their defaults. */
export function parseAdminOrdersParams(params: URLSearchParams): AdminOrdersState {
  const status = params.get('status');
  const from = params.get('from');
  const to = params.get('to');
  const page = Number(params.get('page'));
  return {
    status: isStatus(status) ? status : 'all',
    from: isDay(from) ? from : '',
    to: isDay(to) ? to : '',
    q: params.get('q')?.trim().slice(0, 100) ?? '',
    page: Number.isSafeInteger(page) && page >= 1 ? Math.min(page, 10_000) : 1,
  };
}

/** Writes the state as a query string without defaults. */
export function toAdminOrdersSearchParams(state: AdminOrdersState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.status !== 'all') params.set('status', state.status);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.q) params.set('q', state.q);
  if (state.page > 1) params.set('page', String(state.page));
  return params;
}

/** Applies a change; any new filter starts at page 1. */
export function changeAdminOrders(state: AdminOrdersState, change: Partial<AdminOrdersState>): AdminOrdersState {
  return { ...state, ...change, page: change.page ?? 1 };
}

/** Local midnight of a YYYY-MM-DD day, plus `addDays`, as an ISO instant. */
export function startOfLocalDay(day: string, addDays = 0): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date + addDays).toISOString();
}

/** The API query: `from` is the start of its day, `to` the start of the day after (the API's upper bound is exclusive). */
export function toAdminOrdersQuery(state: AdminOrdersState) {
  return {
    page: state.page,
    pageSize: ADMIN_ORDERS_PAGE_SIZE,
    status: state.status === 'all' ? undefined : state.status,
    q: state.q || undefined,
    from: state.from ? startOfLocalDay(state.from) : undefined,
    to: state.to ? startOfLocalDay(state.to, 1) : undefined,
  };
}
