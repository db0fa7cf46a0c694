import { logger } from './config';

/**
 * Codes of the setup failures that lose data. Each is printed as a Node process warning
 * (`(node:123) [LLM_ANALYTICS_TOKEN_REFUSED] Warning: …`), so `node --no-warnings` and
 * `process.on('warning')` can filter them.
 */
export const WARNING_CODES = {
  noToken: 'LLM_ANALYTICS_NO_TOKEN',
  invalidHost: 'LLM_ANALYTICS_INVALID_HOST',
  tokenRefused: 'LLM_ANALYTICS_TOKEN_REFUSED',
  hostUnreachable: 'LLM_ANALYTICS_HOST_UNREACHABLE',
  eventsDropped: 'LLM_ANALYTICS_EVENTS_DROPPED',
  noContent: 'LLM_ANALYTICS_NO_CONTENT',
  unpatchedClient: 'LLM_ANALYTICS_UNPATCHED_CLIENT',
  spoolFailed: 'LLM_ANALYTICS_SPOOL_FAILED',
} as const;

export type WarningCode = (typeof WARNING_CODES)[keyof typeof WARNING_CODES];

/** A code is printed at most once per interval, however many processors or package copies. */
export const WARNING_INTERVAL_MS = 60_000;

/** Shared by every copy of core in the process (npm may install several). */
const LAST_PRINTED = Symbol.for('@llm-analytics/core/warnings-last-printed');

type EmitWarning = (message: string, options: { code: string }) => void;

function lastPrinted(): Map<string, number> {
  const holder = globalThis as Record<symbol, Map<string, number> | undefined>;
  return (holder[LAST_PRINTED] ??= new Map());
}

/**
 * Report a setup failure that loses data: always through `diag`, and (unless `enabled` is
 * false) as a process warning with `code` where the runtime has one, because `diag` prints
 * nothing until the application sets up a logger, usually never. At most once a minute per code.
 */
export function warnLoudly(code: WarningCode, message: string, enabled = true): void {
  logger.warn(`[${code}] ${message}`);
  if (!enabled) return;
  const now = Date.now();
  const printed = lastPrinted();
  const last = printed.get(code);
  if (last !== undefined && now - last < WARNING_INTERVAL_MS) return;
  printed.set(code, now);
  const emitWarning = (globalThis as { process?: { emitWarning?: EmitWarning } }).process
    ?.emitWarning;
  if (typeof emitWarning !== 'function') return;
  try {
    emitWarning.call((globalThis as { process?: unknown }).process, message, { code });
  } catch (error) {
    logger.debug(`process.emitWarning failed: ${String(error)}`);
  }
}

/** Forget when each code was printed (tests). */
export function resetWarningsForTests(): void {
  lastPrinted().clear();
}
