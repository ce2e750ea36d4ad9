import { describe, expect, it } from 'vitest';
import {
  changeAdminOrders,
  DEFAULT_ADMIN_ORDERS,
  parseAdminOrdersParams,
  startOfLocalDay,
  toAdminOrdersQuery,
  toAdminOrdersSearchParams,
} from './admin-orders-params.js';

describe('admin orders URL state', () => {
  it('when the URL holds valid filters, then they round-trip through the query string', () => {
    const params = new URLSearchParams('status=paid&from=2026-03-01&to=2026-03-31&q=ada%40example.com&page=3');

    const state = parseAdminOrdersParams(params);

    expect(state).toEqual({ status: 'paid', from: '2026-03-01', to: '2026-03-31', q: 'ada@example.com', page: 3 });
    expect(toAdminOrdersSearchParams(state).toString()).toBe(params.toString());
  });

  it('when values are malformed, then the defaults are used and nothing default is written back', () => {
    const state = parseAdminOrdersParams(new URLSearchParams('status=lost&from=yesterday&page=-2'));

    expect(state).toEqual(DEFAULT_ADMIN_ORDERS);
    expect(toAdminOrdersSearchParams(state).toString()).toBe('');
  });

  it('when a filter changes, then the list goes back to page 1', () => {
    expect(changeAdminOrders({ ...DEFAULT_ADMIN_ORDERS, page: 4 }, { status: 'shipped' }).page).toBe(1);
    expect(changeAdminOrders(DEFAULT_ADMIN_ORDERS, { page: 2 }).page).toBe(2);
  });

  it('when a day range is chosen, then the API gets local midnight of the first day and of the day after the last', () => {
    const query = toAdminOrdersQuery({ ...DEFAULT_ADMIN_ORDERS, from: '2026-03-01', to: '2026-03-31' });

    expect(query.from).toBe(new Date(2026, 2, 1).toISOString());
    expect(query.to).toBe(new Date(2026, 3, 1).toISOString());
    expect(startOfLocalDay('2026-12-31', 1)).toBe(new Date(2027, 0, 1).toISOString());
    expect(query.status).toBeUndefined();
  });
});
