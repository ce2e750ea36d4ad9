import type { TCategory, TSuggestion } from '@mercato/shared';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { formatMoney } from '../../../lib/format-money.js';
import { useSuggestions } from '../api/suggest-products.js';

/** Typing pauses this long before suggestions are asked for: one request per word typed, not per key. */
const DEBOUNCE_MS = 150;

export interface SearchSuggestionsProps {
  /** The combobox's input (the header's search box), whose keys this list handles. */
  inputRef: RefObject<HTMLInputElement | null>;
  value: string;
  listboxId: string;
  onPick: (href: string) => void;
  onClear: () => void;
}

type Row = { id: string; href: string; label: string } & (
  | { kind: 'category'; category: Pick<TCategory, 'id' | 'slug' | 'name'> }
  | { kind: 'product'; product: TSuggestion }
  | { kind: 'all' }
);

/**
 * The header's suggestions, the listbox of the search box's ARIA combobox: matching categories, up to eight
 * products with picture and price, and a last row for every result. Arrow keys move through the rows (past either
 * end back to the text), Enter opens the active row (with none active the form submits: full results), Escape
 * closes the list and a second Escape clears the text, Tab and leaving the field close it. Loaded lazily, on the
 * first focus of the search box.
 */
export default function SearchSuggestions(props: SearchSuggestionsProps) {
  const { inputRef, value, listboxId, onPick, onClear } = props;
  const [debounced, setDebounced] = useState(value.trim());
  const [isOpen, setIsOpen] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);
  // One letter matches too much to suggest anything useful (and the index has no one-letter prefixes).
  const { data } = useSuggestions(debounced.length >= 2 ? debounced : '');

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value]);

  const rows = useMemo((): Row[] => {
    if (!data || debounced.length < 2) return [];
    return [
      ...data.categories.map((category) => ({
        id: `${listboxId}-c-${category.id}`,
        href: `/c/${category.slug}`,
        label: `${category.name}, category`,
        kind: 'category' as const,
        category,
      })),
      ...data.products.map((product) => ({
        id: `${listboxId}-p-${product.id}`,
        href: `/p/${product.slug}`,
        label: `${product.name}, ${formatMoney(product.price, product.currency)}`,
        kind: 'product' as const,
        product,
      })),
      {
        id: `${listboxId}-all`,
        href: `/search?q=${encodeURIComponent(debounced)}`,
        label: `All results for “${debounced}”`,
        kind: 'all' as const,
      },
    ];
  }, [data, debounced, listboxId]);

  const isExpanded = isOpen && rows.length > 0;
  // The index may point past a shorter list that just arrived: then no row is active.
  const current = activeIndex < rows.length ? activeIndex : -1;
  const active = isExpanded ? rows[current] : undefined;
  // The input's state as a combobox, written here so the first page load carries none of this (search-box.tsx):
  // in a layout effect, so it changes in the same frame as the list.
  useLayoutEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    input.setAttribute('aria-expanded', String(isExpanded));
    if (active) input.setAttribute('aria-activedescendant', active.id);
    else input.removeAttribute('aria-activedescendant');
  }, [inputRef, isExpanded, active]);
  // Unmounted (another page's header), the input is a closed combobox again.
  useLayoutEffect(
    () => () => {
      inputRef.current?.setAttribute('aria-expanded', 'false');
      inputRef.current?.removeAttribute('aria-activedescendant');
    },
    [inputRef],
  );

  // The latest state for the input's listeners, which are attached once. The active row is also kept here, set by
  // the listeners themselves: keys can follow each other faster than React commits, and each must see the last.
  const latest = useRef({ rows, isExpanded, onPick, onClear });
  const activeRef = useRef(-1);
  useLayoutEffect(() => {
    latest.current = { rows, isExpanded, onPick, onClear };
  });

  useEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    const activate = (index: number) => {
      activeRef.current = index;
      setActiveIndex(index);
    };
    const close = () => {
      setIsOpen(false);
      activate(-1);
    };
    const pick = (href: string) => {
      close();
      latest.current.onPick(href);
    };
    const handleInput = () => {
      setIsOpen(true);
      activate(-1);
    };
    const handleKeyDown = (event: KeyboardEvent) => {
      const { rows: shown, isExpanded: open } = latest.current;
      const count = shown.length;
      const index = activeRef.current < count ? activeRef.current : -1;
      if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && count > 0) {
        event.preventDefault();
        setIsOpen(true);
        // -1 is the text itself: the rows and the text form one ring.
        const step = event.key === 'ArrowDown' ? 1 : -1;
        activate(((index + 1 + step + count + 1) % (count + 1)) - 1);
      } else if (event.key === 'Enter' && open && index >= 0) {
        const row = shown[index];
        if (!row) return;
        event.preventDefault();
        pick(row.href);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        if (open) close();
        else latest.current.onClear();
      } else if (event.key === 'Tab') {
        close();
      }
    };
    // Typing (not a value set by navigation) opens the list; leaving the field closes it.
    input.addEventListener('input', handleInput);
    input.addEventListener('keydown', handleKeyDown);
    input.addEventListener('blur', close);
    return () => {
      input.removeEventListener('input', handleInput);
      input.removeEventListener('keydown', handleKeyDown);
      input.removeEventListener('blur', close);
    };
  }, [inputRef]);

  if (!isExpanded) return null;
  const count = rows.length - 1;
  return (
    <div className="absolute inset-x-0 top-full z-40 mt-1 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-lg">
      <p role="status" className="sr-only">
        {count === 0 ? 'No suggestions' : `${count} suggestion${count === 1 ? '' : 's'}`}
      </p>
      <ul
        id={listboxId}
        role="listbox"
        aria-label="Suggestions"
        // Keeps the focus in the input while a row is clicked, so the combobox stays one control.
        onMouseDown={(event) => event.preventDefault()}
        className="max-h-[70vh] overflow-y-auto py-1"
      >
        {rows.map((row, index) => (
          <li
            key={row.id}
            id={row.id}
            role="option"
            aria-selected={index === current}
            aria-label={row.label}
            onClick={() => {
              setIsOpen(false);
              activeRef.current = -1;
              setActiveIndex(-1);
              onPick(row.href);
            }}
            className={`flex cursor-pointer items-center gap-3 px-3 py-2 text-sm ${
              index === current ? 'bg-brand-50 text-brand-900' : 'text-slate-900 hover:bg-slate-50'
            }`}
          >
            {row.kind === 'product' ? (
              <>
                {row.product.thumbnail ? (
                  <img
                    src={row.product.thumbnail.src}
                    alt=""
                    width={40}
                    height={40}
                    className="size-10 shrink-0 rounded object-cover"
                  />
                ) : (
                  <span aria-hidden="true" className="size-10 shrink-0 rounded bg-slate-100" />
                )}
                <span className="min-w-0 flex-1 truncate">{row.product.name}</span>
                <span className="shrink-0 font-medium">{formatMoney(row.product.price, row.product.currency)}</span>
              </>
            ) : row.kind === 'category' ? (
              <span>
                <span className="text-slate-600">Category: </span>
                {row.category.name}
              </span>
            ) : (
              <span className="font-medium text-brand-700">{row.label}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
