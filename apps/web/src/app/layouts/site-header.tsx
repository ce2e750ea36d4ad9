import { AccountMenu } from './account-menu.js';
import { CartButton } from './cart-button.js';
import { Logo } from './logo.js';
import { MobileMenu } from './mobile-menu.js';
import { NotificationsButton } from './notifications-button.js';
import { SearchBox } from './search-box.js';

/** Storefront header: logo, search, account and cart; on small screens a menu toggle and a full-width search row. */
export function SiteHeader() {
  return (
    <header className="relative border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-16 max-w-7xl items-center gap-3 px-4 sm:px-6 lg:px-8">
        <MobileMenu />
        <Logo />
        <SearchBox className="mx-4 hidden max-w-xl flex-1 md:block" />
        <div className="ml-auto flex items-center gap-1">
          <div className="hidden md:block">
            <AccountMenu />
          </div>
          <NotificationsButton />
          <CartButton />
        </div>
      </div>
      <div className="px-4 pb-3 md:hidden">
        <SearchBox />
      </div>
    </header>
  );
}
