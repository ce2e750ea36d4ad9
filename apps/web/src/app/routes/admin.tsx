// Entry of the lazily loaded admin chunk: everything only staff need is reachable from here and nowhere else.
export { AdminSectionPage } from '../../features/admin/components/admin-section-page.js';
export { DashboardPage } from '../../features/admin/components/dashboard-page.js';
export { AdminLayout } from '../layouts/admin-layout.js';
