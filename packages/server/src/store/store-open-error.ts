/** The store could not be opened: the message is one line for the CLI. */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
}
