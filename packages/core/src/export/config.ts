import { diag, type DiagLogFunction, type DiagLogger } from '@opentelemetry/api';
import { readEnv } from './env';
import type { GzipFunction, PostHogExportOptions } from './types';
import { WARNING_CODES, warnLoudly } from './warnings';

export const DEFAULT_HOST = 'https://us.i.posthog.com';
export const MAX_EVENTS_PER_REQUEST = 100;
/** PostHog's OTLP endpoint and ours cap bodies at 4 MiB; stay under it with room for headers. */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024 - 64 * 1024;

export interface ResolvedConfig {
  token: string;
  /** The host with its path kept (reverse proxies rely on it) and trailing slashes removed. */
  baseUrl: string;
  transport: 'events' | 'otlp';
  endpoint: string;
  maxBatchSize: number;
  flushIntervalMs: number;
  maxQueueSize: number;
  requestTimeoutMs: number;
  maxAttempts: number;
  exportMode: 'batched' | 'immediate';
  compression: boolean;
  /** The injected gzip (Node: `node:zlib`); undefined: `CompressionStream`. */
  gzip: GzipFunction | undefined;
  traceWaitMs: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  /** Bound on `forceFlush()` / `shutdown()`, across every retry. */
  flushTimeoutMs: number;
  /** Print setup failures as process warnings (they always go to `diag`). */
  warnings: boolean;
  /** One stderr line per delivered request. */
  debug: boolean;
  fetch: typeof fetch;
}

/** Default bound on `forceFlush()` and `shutdown()`, whatever the server does. */
export const DEFAULT_FLUSH_TIMEOUT_MS = 10_000;

const componentLogger = diag.createComponentLogger({ namespace: '@llm-analytics/core/export' });

/** Log through `diag`, ignoring a registered logger that throws. */
function guardedLog(level: keyof DiagLogger): DiagLogFunction {
  return (message, ...args) => {
    try {
      componentLogger[level](message, ...args);
    } catch {
      // Diagnostics are best effort: a logger that throws must not turn a warning into an
      // exception in the application (most of our logging happens inside catch blocks).
    }
  };
}

export const logger: DiagLogger = {
  error: guardedLog('error'),
  warn: guardedLog('warn'),
  info: guardedLog('info'),
  debug: guardedLog('debug'),
  verbose: guardedLog('verbose'),
};

function positive(
  value: number | undefined,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
    ? Math.min(Math.floor(value), max)
    : fallback;
}

/**
 * The host as posthog-node uses it: path kept (`https://example.com/ingest` posts to
 * `/ingest/batch/`), trailing slashes removed; query and fragment have no meaning here.
 */
export function hostBaseUrl(host: string): string {
  const url = new URL(host);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`unsupported protocol ${url.protocol}`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * Options, then LLM_ANALYTICS_* and POSTHOG_* variables. `undefined` (after one diagnostic)
 * when the exporter must be a no-op: no token, an unusable host, no fetch.
 */
export function resolveConfig(options: PostHogExportOptions): ResolvedConfig | undefined {
  const token = (
    options.apiKey ??
    options.projectToken ??
    readEnv('LLM_ANALYTICS_TOKEN') ??
    readEnv('POSTHOG_API_KEY')
  )?.trim();
  const warnings = options.warnings !== false;
  if (!token) {
    warnLoudly(
      WARNING_CODES.noToken,
      'no project token (apiKey / projectToken / LLM_ANALYTICS_TOKEN / POSTHOG_API_KEY): LLM analytics export is disabled',
      warnings,
    );
    return undefined;
  }
  const host =
    options.host ?? readEnv('LLM_ANALYTICS_HOST') ?? readEnv('POSTHOG_HOST') ?? DEFAULT_HOST;
  let baseUrl: string;
  try {
    baseUrl = hostBaseUrl(host);
  } catch (error) {
    warnLoudly(
      WARNING_CODES.invalidHost,
      `invalid host "${host}" (${String((error as Error).message ?? error)}): LLM analytics export is disabled`,
      warnings,
    );
    return undefined;
  }
  const fetchImpl = options.fetch ?? (globalThis.fetch as typeof fetch | undefined);
  if (typeof fetchImpl !== 'function') {
    logger.error('no fetch available: pass the `fetch` option; LLM analytics export is disabled');
    return undefined;
  }
  const transport = options.transport === 'otlp' ? 'otlp' : 'events';
  return {
    token,
    baseUrl,
    transport,
    endpoint: transport === 'otlp' ? `${baseUrl}/i/v0/ai/otel` : `${baseUrl}/batch/`,
    maxBatchSize: positive(options.maxBatchSize, MAX_EVENTS_PER_REQUEST, MAX_EVENTS_PER_REQUEST),
    flushIntervalMs: positive(options.flushIntervalMs, 2000),
    maxQueueSize: positive(options.maxQueueSize, 2048),
    requestTimeoutMs: positive(options.requestTimeoutMs, 10_000),
    maxAttempts: positive(options.maxAttempts, 5, 20),
    exportMode: options.exportMode === 'immediate' ? 'immediate' : 'batched',
    compression: options.compression !== false,
    gzip: typeof options.gzip === 'function' ? options.gzip : undefined,
    traceWaitMs: options.traceWaitMs === 0 ? 0 : positive(options.traceWaitMs, 3000),
    retryBaseDelayMs: positive(options.retryBaseDelayMs, 500),
    retryMaxDelayMs: positive(options.retryMaxDelayMs, 30_000),
    flushTimeoutMs: positive(options.flushTimeoutMs, DEFAULT_FLUSH_TIMEOUT_MS),
    warnings,
    debug: options.debug === true,
    // Bind: some fetch implementations throw "Illegal invocation" when called as a method.
    fetch: (input, init) => fetchImpl(input, init),
  };
}
