import { useCallback, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { buttonClasses } from '../../components/ui/button-styles.js';
import { CloseIcon, MenuIcon } from '../../components/ui/icons.js';
import { useSession } from '../../features/auth/hooks/use-session.js';
import { useSignOut } from '../../features/auth/hooks/use-sign-out.js';
import { useDismiss } from '../../hooks/use-dismiss.js';

const LINK = 'block rounded-md px-3 py-2 text-base font-medium text-slate-800 hover:bg-slate-100';

/** Small-screen navigation: a toggle and a panel under the header (hidden from md up, where links are inline). */
export function MobileMenu() {
  const { isSignedIn, isPending, isAdmin } = useSession();
  const signOut = useSignOut();
  const [isOpen, setIsOpen] = useState(false);
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const close = useCallback(() => setIsOpen(false), []);
  useDismiss(isOpen, close, containerRef, buttonRef);

  const accountLinks = isSignedIn
    ? [
        { to: '/account', label: 'Your account' },
        { to: '/orders', label: 'Your orders' },
        ...(isAdmin ? [{ to: '/admin', label: 'Admin' }] : []),
      ]
    : [
        { to: '/login', label: 'Sign in' },
        { to: '/signup', label: 'Create account' },
      ];
  // While a reload restores the session, neither "Sign in" nor the account links: they may be about to change.
  const links = [{ to: '/search', label: 'All products' }, ...(isPending ? [] : accountLinks)];

  return (
    <div ref={containerRef} className="md:hidden">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={isOpen}
        aria-controls={panelId}
        aria-label={isOpen ? 'Close menu' : 'Open menu'}
        onClick={() => setIsOpen((open) => !open)}
        className={buttonClasses({ variant: 'ghost', size: 'icon' })}
      >
        {isOpen ? <CloseIcon className="size-6" /> : <MenuIcon className="size-6" />}
      </button>
      {isOpen && (
        <nav
          id={panelId}
          aria-label="Menu"
          className="absolute inset-x-0 top-full z-40 border-b border-slate-200 bg-white px-4 py-3 shadow-lg"
        >
          <ul className="flex flex-col gap-1">
            {links.map((link) => (
              <li key={link.to}>
                <Link to={link.to} onClick={close} className={LINK}>
                  {link.label}
                </Link>
              </li>
            ))}
            {isSignedIn && (
              <li>
                <button
                  type="button"
                  className={`${LINK} w-full text-left`}
                  onClick={() => {
                    close();
                    void signOut();
                  }}
                >
                  Sign out
                </button>
              </li>
            )}
          </ul>
        </nav>
      )}
    </div>
  );
}
