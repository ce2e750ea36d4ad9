import { Outlet } from 'react-router';
import { AccountNav } from './account-nav.js';

/** `/account/*`: the account navigation above whichever account page is open. */
export function AccountLayout() {
  return (
    <div className="flex flex-col gap-6">
      <AccountNav />
      <Outlet />
    </div>
  );
}
