import { context, createContextKey, type Context } from '@opentelemetry/api';

/**
 * The key `@opentelemetry/core`'s `suppressTracing` sets. `createContextKey` uses
 * `Symbol.for`, so this is the very same key without depending on the SDK package.
 */
const SUPPRESS_TRACING_KEY = createContextKey('OpenTelemetry SDK Context Key SUPPRESS_TRACING');

function suppressed(active: Context): Context {
  return active.setValue(SUPPRESS_TRACING_KEY, true);
}

/** Run export I/O with tracing suppressed, so our own fetch never becomes a span. */
export function withTracingSuppressed<T>(fn: () => T): T {
  return context.with(suppressed(context.active()), fn);
}
