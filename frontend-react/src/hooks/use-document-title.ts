import { useEffect } from 'react';

export const APP_NAME = 'Mini-RAG';

/** Sets document.title to "<title> · Mini-RAG" while the page is shown. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · ${APP_NAME}`;
  }, [title]);
}
