/** Filters and selection live in the URL's query string, so views can be shared and reloaded. */
import { useMemo } from 'preact/hooks';
import { useLocation, useSearch } from 'wouter-preact';

export type QueryPatch = Record<string, string | number | undefined | null>;

export interface QueryState {
  params: URLSearchParams;
  get(name: string): string | undefined;
  /** Merge into the query string; empty values are removed. */
  set(patch: QueryPatch, options?: { replace?: boolean }): void;
}

export function useQueryState(): QueryState {
  const search = useSearch();
  const [path, navigate] = useLocation();
  return useMemo(() => {
    const params = new URLSearchParams(search);
    return {
      params,
      get: (name) => params.get(name) ?? undefined,
      set: (patch, options) => {
        // Read the live URL: two updates in one tick must not overwrite each other.
        const next = new URLSearchParams(window.location.search);
        for (const [name, value] of Object.entries(patch)) {
          if (value === undefined || value === null || value === '') next.delete(name);
          else next.set(name, String(value));
        }
        const query = next.toString();
        navigate(`${path}${query ? `?${query}` : ''}`, { replace: options?.replace ?? false });
      },
    };
  }, [search, path, navigate]);
}

/** A link target that keeps the global time range of the current URL. */
export function withRange(path: string, params: URLSearchParams, extra: QueryPatch = {}): string {
  const next = new URLSearchParams();
  for (const name of ['range', 'from', 'to']) {
    const value = params.get(name);
    if (value) next.set(name, value);
  }
  for (const [name, value] of Object.entries(extra))
    if (value !== undefined && value !== null && value !== '') next.set(name, String(value));
  const query = next.toString();
  return query ? `${path}?${query}` : path;
}
