/**
 * Hands an instrumentation a logger that writes through whichever OpenTelemetry logger
 * provider is registered globally when a record is emitted, whatever copy of
 * `@opentelemetry/api-logs` registered it.
 *
 * Why: an instrumentation takes a `ProxyLogger` from its own copy of `@opentelemetry/api-logs`
 * when it is constructed, before `sdk.start()`. `NodeSDK` later registers its logger provider
 * through its own copy. npm often installs several copies (the instrumentation's caret range
 * and sdk-node's exact pin disagree), and a proxy of one copy never sees the provider set
 * through another: every content record (`gen_ai.user.message`, `gen_ai.choice`, …) went to a
 * no-op logger, silently. The global registration itself is shared (a `Symbol.for` key), so
 * reading it at emit time works across copies.
 */

/** `@opentelemetry/api-logs`' global key and API compatibility version (stable since 0.3x). */
const GLOBAL_LOGS_API_KEY = Symbol.for('io.opentelemetry.js.api.logs');
const LOGS_API_COMPATIBILITY_VERSION = 1;

interface LoggerLike {
  emit(record: unknown): void;
  enabled?(options?: unknown): boolean;
}

/** The `LoggerProvider` shape instrumentations accept in `setLoggerProvider`. */
export interface LoggerProviderLike {
  getLogger(name: string, version?: string, options?: unknown): LoggerLike;
}

/** The parts of an OpenTelemetry instrumentation (`InstrumentationBase`) this package reads. */
export interface InstrumentationLike {
  instrumentationName?: string;
  setLoggerProvider?(provider: LoggerProviderLike): void;
  getConfig?(): { captureMessageContent?: unknown };
  getModuleDefinitions?(): ReadonlyArray<{
    name?: string;
    supportedVersions?: readonly string[];
  }>;
}

function registeredLoggerProvider(): LoggerProviderLike | undefined {
  const getter = (globalThis as Record<symbol, unknown>)[GLOBAL_LOGS_API_KEY];
  if (typeof getter !== 'function') return undefined;
  const provider = (getter as (version: number) => unknown)(LOGS_API_COMPATIBILITY_VERSION);
  return typeof (provider as LoggerProviderLike | undefined)?.getLogger === 'function'
    ? (provider as LoggerProviderLike)
    : undefined;
}

/** `@opentelemetry/api-logs`' `ProxyLoggerProvider`, from any copy. */
interface ProxyLoggerProviderLike extends LoggerProviderLike {
  _getDelegateLogger(name: string, version?: string, options?: unknown): LoggerLike | undefined;
}

function isProxy(provider: unknown): provider is ProxyLoggerProviderLike {
  return (
    typeof (provider as ProxyLoggerProviderLike | undefined)?._getDelegateLogger === 'function'
  );
}

/**
 * `provider` as given when it is a real logger provider; when it is a proxy (or absent), a
 * provider whose loggers resolve at emit time: the proxy's delegate if its own copy of
 * api-logs got one, else the globally registered provider.
 */
function resolvingProvider(provider: LoggerProviderLike | undefined): LoggerProviderLike {
  return {
    getLogger(name, version, options) {
      if (provider && !isProxy(provider)) return provider.getLogger(name, version, options);
      let delegate: LoggerLike | undefined;
      const resolve = () =>
        (delegate ??=
          (isProxy(provider) ? provider._getDelegateLogger(name, version, options) : undefined) ??
          registeredLoggerProvider()?.getLogger(name, version, options));
      return {
        emit(record) {
          resolve()?.emit(record);
        },
        enabled(enabledOptions) {
          const logger = resolve();
          if (!logger) return false;
          return typeof logger.enabled === 'function' ? logger.enabled(enabledOptions) : true;
        },
      };
    },
  };
}

/** A logger provider that resolves the globally registered one at emit time. */
export const globalLoggerProviderBridge: LoggerProviderLike = resolvingProvider(undefined);

const WIRED = Symbol.for('@llm-analytics/node-sdk/logger-wired');

/**
 * Point each instrumentation's logger at the registered provider, now and whenever it is
 * given another one: `registerInstrumentations` (inside `sdk.start()`) hands it the proxy of
 * its own api-logs copy before NodeSDK registers its provider. Never throws.
 */
export function wireLoggerProvider(instrumentations: readonly unknown[]): void {
  for (const instrumentation of instrumentations.flat()) {
    try {
      const target = instrumentation as InstrumentationLike & Record<symbol, unknown>;
      const original = target?.setLoggerProvider;
      if (typeof original !== 'function' || target[WIRED]) continue;
      target[WIRED] = true;
      target.setLoggerProvider = (provider) => original.call(target, resolvingProvider(provider));
      target.setLoggerProvider(undefined as never);
    } catch {
      // An instrumentation that refuses keeps its own logger: the content warning covers it.
    }
  }
}
