import { useEffect } from 'react';

export const siteName = 'Guichet';

/** Sets the tab title as "<page> - Guichet" (the DSFR convention: page first, then site). */
export function useDocumentTitle(pageTitle: string): void {
  useEffect(() => {
    document.title = pageTitle === siteName ? siteName : `${pageTitle} - ${siteName}`;
  }, [pageTitle]);
}
