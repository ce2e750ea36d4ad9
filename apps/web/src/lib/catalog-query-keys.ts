/**
 * Root of every storefront catalog query key (products, categories). It lives here, not in the catalog feature, so
 * the admin screens can invalidate the storefront's cached pages after a write without importing another feature.
 */
export const CATALOG_QUERY_ROOT = ['catalog'] as const;
