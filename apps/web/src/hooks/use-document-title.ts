import { useLayoutEffect } from 'react';

export const SITE_NAME = 'Mercato';

/**
 * Sets the tab title to "<title> · Mercato" (just "Mercato" without one) while the calling page is shown. A layout
 * effect: the title changes with the page it names, in the same frame (Preact runs plain effects a frame later).
 */
export function useDocumentTitle(title?: string): void {
  useLayoutEffect(() => {
    document.title = title ? `${title} · ${SITE_NAME}` : SITE_NAME;
  }, [title]);
}
