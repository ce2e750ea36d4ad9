import { useId, useState, type FormEvent } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { SearchIcon } from '../../components/ui/icons.js';
import { cn } from '../../lib/cn.js';

/**
 * Product search: submits to `/search?q=…`. A real GET form, so it works before JavaScript has loaded too.
 * Shows the current query while on the search page.
 */
export function SearchBox({ className, onSearch }: { className?: string; onSearch?: () => void }) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const urlQuery = pathname === '/search' ? (params.get('q') ?? '') : '';
  const [value, setValue] = useState(urlQuery);
  const [syncedQuery, setSyncedQuery] = useState(urlQuery);
  const inputId = useId();

  // Follow the URL (back/forward, links) without an effect: adjust state while rendering, React's documented way.
  if (syncedQuery !== urlQuery) {
    setSyncedQuery(urlQuery);
    setValue(urlQuery);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const query = value.trim();
    void navigate(query ? `/search?q=${encodeURIComponent(query)}` : '/search');
    onSearch?.();
  }

  return (
    <form role="search" action="/search" method="get" onSubmit={handleSubmit} className={cn('relative', className)}>
      <label htmlFor={inputId} className="sr-only">
        Search products
      </label>
      <input
        id={inputId}
        type="search"
        name="q"
        value={value}
        onChange={(event) => setValue(event.target.value)}
        placeholder="Search products"
        autoComplete="off"
        enterKeyHint="search"
        className="h-10 w-full rounded-full border border-slate-500 bg-white pr-11 pl-4 text-base text-slate-900 placeholder:text-slate-500 sm:text-sm"
      />
      <button
        type="submit"
        aria-label="Search"
        className="absolute inset-y-0 right-0 flex w-10 items-center justify-center rounded-r-full text-slate-700 hover:text-brand-700"
      >
        <SearchIcon />
      </button>
    </form>
  );
}
