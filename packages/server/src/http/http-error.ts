/** A client-facing failure: the handler stops and the server answers with this status. */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly status: number,
    message: string,
    /** Extra response headers (e.g. `Allow` on a 405). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Shorthand for a 400 with a message that says what was wrong. */
export function badRequest(message: string): HttpError {
  return new HttpError(400, message);
}
