import type { TCategory, TSuggestion } from '@mercato/shared';
import { useEffect, useMemo, useState, type RefObject } from 'react';
import { formatMoney } from '../../../lib/format-money.js';
import { useSuggestions } from '../api/suggest-products.js';
import { useComboboxInput } from '../hooks/use-combobox-input.js';

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
 * The header's suggestions, the listbox of the search box's ARIA combobox (keyboard and ARIA state:
 * `useComboboxInput`): matching categories, up to eight products with picture and price, and a last row for every
 * result. Loaded lazily, on the first focus of the search box.
 */
export default function SearchSuggestions(props: SearchSuggestionsProps) {
  const { inputRef, value, listboxId, onPick, onClear } = props;
  const [debounced, setDebounced] = useState(value.trim());
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

  const { isExpanded, activeIndex, choose } = useComboboxInput(inputRef, rows, onPick, onClear);

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
            aria-selected={index === activeIndex}
            aria-label={row.label}
            onClick={() => choose(row.href)}
            className={`flex cursor-pointer items-center gap-3 px-3 py-2 text-sm ${
              index === activeIndex ? 'bg-brand-50 text-brand-900' : 'text-slate-900 hover:bg-slate-50'
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
