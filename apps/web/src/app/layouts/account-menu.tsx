import { useCallback, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { buttonClasses } from '../../components/ui/button-styles.js';
import { UserIcon } from '../../components/ui/icons.js';
import { Skeleton } from '../../components/ui/skeleton.js';
import { useSession } from '../../features/auth/hooks/use-session.js';
import { useSignOut } from '../../features/auth/hooks/use-sign-out.js';
import { buildLoginPath } from '../../features/auth/utils/next-path.js';
import { useDismiss } from '../../hooks/use-dismiss.js';

const ITEM = 'block w-full rounded px-3 py-2 text-left text-sm text-slate-800 hover:bg-slate-100';

/** "Sign in" when signed out; a placeholder while a reload restores the session; else the account disclosure. */
export function AccountMenu() {
  const session = useSession();
  const signOut = useSignOut();
  const location = useLocation();
  const [isOpen, setIsOpen] = useState(false);
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const close = useCallback(() => setIsOpen(false), []);
  useDismiss(isOpen, close, containerRef, buttonRef);

  if (session.isPending) return <Skeleton className="h-10 w-28" />;
  if (!session.isSignedIn) {
    return (
      <Link to={buildLoginPath(location)} className={buttonClasses({ variant: 'ghost', size: 'md' })}>
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
        <span className="sr-only">Account: </span>
        <span className="max-w-40 truncate">{session.user?.name ?? 'Account'}</span>
      </button>
      {isOpen && (
        <div
          id={panelId}
          className="absolute right-0 z-40 mt-2 w-56 rounded-md border border-slate-200 bg-white p-1 shadow-lg"
        >
          <p className="truncate border-b border-slate-200 px-3 pt-1 pb-2 text-xs text-slate-600">
            Signed in as {session.user?.email}
          </p>
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
              void signOut();
            }}
          >
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
