import { useEffect } from 'react';

export const SITE_NAME = 'Mercato';

/** Sets the tab title to "<title> · Mercato" (just "Mercato" without one) while the calling page is shown. */
export function useDocumentTitle(title?: string): void {
  useEffect(() => {
    document.title = title ? `${title} · ${SITE_NAME}` : SITE_NAME;
  }, [title]);
}
