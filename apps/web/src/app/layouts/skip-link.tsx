import type { MouseEvent } from 'react';

export const MAIN_ID = 'main';

/** First focusable element: lets keyboard users jump over the header. Focuses <main> without touching the URL. */
export function SkipLink() {
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    document.getElementById(MAIN_ID)?.focus();
  }
  return (
    <a
      href={`#${MAIN_ID}`}
      onClick={handleClick}
      className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:font-medium focus:text-brand-700 focus:shadow-lg"
    >
      Skip to content
    </a>
  );
}
