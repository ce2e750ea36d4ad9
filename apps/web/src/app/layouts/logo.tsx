import { Link } from 'react-router';

/** The Mercato mark and wordmark, linking home. */
export function Logo({ to = '/', suffix }: { to?: string; suffix?: string }) {
  return (
    <Link to={to} className="inline-flex shrink-0 items-center gap-2 rounded-md text-lg font-bold tracking-tight">
      <svg viewBox="0 0 32 32" aria-hidden="true" className="size-8">
        <rect width="32" height="32" rx="7" className="fill-brand-700" />
        <path
          d="M8 23V10l8 8 8-8v13"
          fill="none"
          stroke="#fff"
          strokeWidth="3"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <span>Mercato</span>
      {suffix && <span className="font-medium text-slate-600">{suffix}</span>}
    </Link>
  );
}
