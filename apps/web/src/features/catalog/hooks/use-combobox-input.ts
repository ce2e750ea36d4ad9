import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** A row of a combobox's listbox: its element id and where choosing it leads. */
export interface ComboboxOption {
  id: string;
  href: string;
}

/**
 * The ARIA combobox behaviour of a text input whose listbox shows `options`: typing opens the list; arrow keys move
 * through the rows (past either end back to the text); Enter opens the active row (with none active, the form
 * submits); Escape closes the list, and a second Escape clears the text; Tab and leaving the field close it. Writes
 * the input's aria-expanded and aria-activedescendant itself, so the component rendering the input (in the first
 * page load) needs none of this state.
 */
export function useComboboxInput(
  inputRef: RefObject<HTMLInputElement | null>,
  options: readonly ComboboxOption[],
  onPick: (href: string) => void,
  onClear: () => void,
) {
  const [isOpen, setIsOpen] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);
  const isExpanded = isOpen && options.length > 0;
  // The index may point past a shorter list that just arrived: then no row is active.
  const current = activeIndex < options.length ? activeIndex : -1;
  const active = isExpanded ? options[current] : undefined;

  // In a layout effect, so the input changes in the same frame as the list.
  useLayoutEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    input.setAttribute('aria-expanded', String(isExpanded));
    if (active) input.setAttribute('aria-activedescendant', active.id);
    else input.removeAttribute('aria-activedescendant');
  }, [inputRef, isExpanded, active]);
  // Unmounted, the input is a closed combobox again.
  useLayoutEffect(
    () => () => {
      inputRef.current?.setAttribute('aria-expanded', 'false');
      inputRef.current?.removeAttribute('aria-activedescendant');
    },
    [inputRef],
  );

  // The latest state for the input's listeners, which are attached once. The active row is also kept here, set by
  // the listeners themselves: keys can follow each other faster than React commits, and each must see the last.
  const latest = useRef({ options, isExpanded, onPick, onClear });
  const activeRef = useRef(-1);
  useLayoutEffect(() => {
    latest.current = { options, isExpanded, onPick, onClear };
  });

  const activate = (index: number) => {
    activeRef.current = index;
    setActiveIndex(index);
  };
  const close = () => {
    setIsOpen(false);
    activate(-1);
  };
  const choose = (href: string) => {
    close();
    latest.current.onPick(href);
  };
  // Handlers read everything through refs: the ones attached below stay current.
  const handlers = useRef({ activate, close, choose });
  useLayoutEffect(() => {
    handlers.current = { activate, close, choose };
  });

  useEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    const handleInput = () => {
      setIsOpen(true);
      handlers.current.activate(-1);
    };
    const handleBlur = () => handlers.current.close();
    const handleKeyDown = (event: KeyboardEvent) => {
      const { options: shown, isExpanded: open } = latest.current;
      const count = shown.length;
      const index = activeRef.current < count ? activeRef.current : -1;
      if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && count > 0) {
        event.preventDefault();
        setIsOpen(true);
        // -1 is the text itself: the rows and the text form one ring.
        const step = event.key === 'ArrowDown' ? 1 : -1;
        handlers.current.activate(((index + 1 + step + count + 1) % (count + 1)) - 1);
      } else if (event.key === 'Enter' && open && index >= 0) {
        const option = shown[index];
        if (!option) return;
        event.preventDefault();
        handlers.current.choose(option.href);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        if (open) handlers.current.close();
        else latest.current.onClear();
      } else if (event.key === 'Tab') {
        handlers.current.close();
      }
    };
    // Typing (not a value set by navigation) opens the list; leaving the field closes it.
    input.addEventListener('input', handleInput);
    input.addEventListener('keydown', handleKeyDown);
    input.addEventListener('blur', handleBlur);
    return () => {
      input.removeEventListener('input', handleInput);
      input.removeEventListener('keydown', handleKeyDown);
      input.removeEventListener('blur', handleBlur);
    };
  }, [inputRef]);

  return { isExpanded, activeIndex: current, choose };
}
