/** The admin sections, in sidebar order. The router builds one lazy route per entry; the sidebar links to each. */
export const ADMIN_SECTIONS = [
  { path: 'products', label: 'Products' },
  { path: 'categories', label: 'Categories' },
  { path: 'import', label: 'Import / export' },
  { path: 'orders', label: 'Orders' },
  { path: 'coupons', label: 'Coupons' },
  { path: 'users', label: 'Users' },
  { path: 'outbox', label: 'Outbox' },
] as const;
