import { lazy, Suspense, useId, useRef, useState, type FormEvent } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { SearchIcon } from '../../components/ui/icons.js';
import { cn } from '../../lib/cn.js';

// The suggestion list and its keyboard handling are a chunk of their own, fetched on the first focus of a search
// box: the first page load stays within its budget (bundle-budget.browser.test.ts), and a shopper who never
// searches never downloads them.
const SearchSuggestions = lazy(() => import('../../features/catalog/components/search-suggestions.js'));

/**
 * Product search with instant suggestions: an ARIA combobox (this input, and the listbox the lazily loaded
 * suggestions render; they drive the keyboard and the input's aria-expanded and aria-activedescendant). Still a real GET form to
 * `/search?q=…`, so it works before JavaScript has loaded too.
 */
export function SearchBox({ className, onSearch }: { className?: string; onSearch?: () => void }) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const urlQuery = pathname === '/search' ? (params.get('q') ?? '') : '';
  const [value, setValue] = useState(urlQuery);
  const [syncedQuery, setSyncedQuery] = useState(urlQuery);
  const [hasFocused, setHasFocused] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const listboxId = useId();

  // Follow the URL (back/forward, links) without an effect: adjust state while rendering, React's documented way.
  if (syncedQuery !== urlQuery) {
    setSyncedQuery(urlQuery);
    setValue(urlQuery);
  }

  function go(href: string) {
    void navigate(href);
    onSearch?.();
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const query = value.trim();
    go(query ? `/search?q=${encodeURIComponent(query)}` : '/search');
  }

  return (
    <form role="search" action="/search" method="get" onSubmit={handleSubmit} className={cn('relative', className)}>
      <label htmlFor={inputId} className="sr-only">
        Search products
      </label>
      <input
        ref={inputRef}
        id={inputId}
        type="search"
        name="q"
        role="combobox"
        aria-autocomplete="list"
        // Set by the suggestions while they are open (with aria-activedescendant): this prop never changes, so React
        // never writes over them, and the first page load carries no combobox state.
        aria-expanded="false"
        aria-controls={listboxId}
        value={value}
        // The API's limit (SEARCH_MAX_LENGTH in @mercato/shared): longer text would be refused, not cut.
        maxLength={200}
        onChange={(event) => setValue(event.target.value)}
        onFocus={() => setHasFocused(true)}
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
      {hasFocused && (
        <Suspense fallback={null}>
          <SearchSuggestions
            inputRef={inputRef}
            value={value}
            listboxId={listboxId}
            onPick={go}
            onClear={() => setValue('')}
          />
        </Suspense>
      )}
    </form>
  );
}
