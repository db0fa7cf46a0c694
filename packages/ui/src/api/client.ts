/** GET requests to the read API with `Authorization: Bearer <read key>`. */
import { getReadKey, setReadKey } from './read-key';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type QueryValue = string | number | boolean | undefined | null;

/** `/api/...?a=1`, leaving out empty values. */
export function apiUrl(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === 'string') return body.error;
  } catch (error) {
    // Not JSON (a proxy's error page): the status line says enough.
    console.debug('llm-analytics: error body is not JSON', error);
  }
  return `${response.status} ${response.statusText}`;
}

/** Fetch with an explicit key (checking a key before keeping it). */
export async function fetchWithKey<T>(
  key: string,
  path: string,
  query: Record<string, QueryValue> = {},
  signal?: AbortSignal,
): Promise<T> {
  const response = await fetch(apiUrl(path, query), {
    headers: { authorization: `Bearer ${key}`, accept: 'application/json' },
    ...(signal ? { signal } : {}),
  });
  if (!response.ok) throw new ApiError(response.status, await errorMessage(response));
  return (await response.json()) as T;
}

/** Fetch with the stored key; a 401 forgets it, so the key prompt shows again. */
export async function apiGet<T>(
  path: string,
  query: Record<string, QueryValue> = {},
  signal?: AbortSignal,
): Promise<T> {
  const key = getReadKey();
  if (!key) throw new ApiError(401, 'no read key');
  try {
    return await fetchWithKey<T>(key, path, query, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && getReadKey() === key)
      setReadKey(undefined);
    throw error;
  }
}

/** POST / PUT / DELETE a JSON body with the stored key (the evaluator API). */
export async function apiSend<T>(
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const key = getReadKey();
  if (!key) throw new ApiError(401, 'no read key');
  const response = await fetch(path, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new ApiError(response.status, await errorMessage(response));
  return (await response.json()) as T;
}
