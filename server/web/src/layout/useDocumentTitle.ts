import { useEffect } from 'react';

/** Names the browser tab after the page, so history and tabs read well. */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    document.title = title ? `${title} · Mesi` : 'Mesi';
  }, [title]);
}
