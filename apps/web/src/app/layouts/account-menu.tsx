import { useCallback, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { buttonClasses } from '../../components/ui/button-styles.js';
import { UserIcon } from '../../components/ui/icons.js';
import { useSession, useSignOut } from '../../features/auth/hooks/use-session.js';
import { useDismiss } from '../../hooks/use-dismiss.js';

const ITEM = 'block w-full rounded px-3 py-2 text-left text-sm text-slate-800 hover:bg-slate-100';

/** "Sign in" when signed out; otherwise a disclosure with the account links and sign-out. */
export function AccountMenu() {
  const session = useSession();
  const signOut = useSignOut();
  const [isOpen, setIsOpen] = useState(false);
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const close = useCallback(() => setIsOpen(false), []);
  useDismiss(isOpen, close, containerRef, buttonRef);

  if (!session.isSignedIn) {
    return (
      <Link to="/login" className={buttonClasses({ variant: 'ghost', size: 'md' })}>
        <UserIcon />
        Sign in
      </Link>
    );
  }

  return (
    <div ref={containerRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={isOpen}
        aria-controls={panelId}
        onClick={() => setIsOpen((open) => !open)}
        className={buttonClasses({ variant: 'ghost', size: 'md' })}
      >
        <UserIcon />
        Account
      </button>
      {isOpen && (
        <div
          id={panelId}
          className="absolute right-0 z-40 mt-2 w-48 rounded-md border border-slate-200 bg-white p-1 shadow-lg"
        >
          <Link to="/account" onClick={close} className={ITEM}>
            Your account
          </Link>
          <Link to="/orders" onClick={close} className={ITEM}>
            Your orders
          </Link>
          {session.isAdmin && (
            <Link to="/admin" onClick={close} className={ITEM}>
              Admin
            </Link>
          )}
          <button
            type="button"
            className={ITEM}
            onClick={() => {
              close();
              signOut();
            }}
          >
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
