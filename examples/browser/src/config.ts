/**
 * Where the page sends analytics and as whom: query parameters first (`?host=&token=&user=`),
 * then the VITE_LLM_ANALYTICS_* variables the dev server was started with.
 */
export interface PageConfig {
  host: string;
  token: string;
  user: string;
  model: string;
  /** Set by the end-to-end test to hold events until the page is left. */
  flushIntervalMs: number | undefined;
}

export function readConfig(search: string, env: ImportMetaEnv): PageConfig {
  const params = new URLSearchParams(search);
  const flush = Number(params.get('flushIntervalMs'));
  return {
    host: params.get('host') ?? env.VITE_LLM_ANALYTICS_HOST ?? 'http://127.0.0.1:8010',
    token: params.get('token') ?? env.VITE_LLM_ANALYTICS_TOKEN ?? '',
    user: params.get('user') ?? 'page-user',
    model: params.get('model') ?? 'gpt-4o-mini',
    flushIntervalMs: Number.isFinite(flush) && flush > 0 ? flush : undefined,
  };
}
