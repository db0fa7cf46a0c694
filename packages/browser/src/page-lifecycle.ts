/**
 * Calls `onHide` when the page may be going away: on `pagehide`, and when it turns hidden
 * (`visibilitychange`), the last event mobile browsers reliably fire before discarding a tab.
 * Returns the function that removes the listeners; outside a page it does nothing.
 */
export function onPageHide(onHide: () => void): () => void {
  const page = globalThis as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>>;
  const document = (globalThis as { document?: Document }).document;
  if (typeof page.addEventListener !== 'function' || !document) return () => undefined;
  const onVisibilityChange = (): void => {
    if (document.visibilityState === 'hidden') onHide();
  };
  page.addEventListener('pagehide', onHide);
  document.addEventListener('visibilitychange', onVisibilityChange);
  return () => {
    page.removeEventListener?.('pagehide', onHide);
    document.removeEventListener('visibilitychange', onVisibilityChange);
  };
}
