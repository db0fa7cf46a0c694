import { diag, trace } from '@opentelemetry/api';
import { isAISpan } from '@llm-analytics/core';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { isLoaderHookRegistered } from './esm-hook';

const logger = diag.createComponentLogger({ namespace: '@llm-analytics/node-sdk' });

/** Node's process-warning code, so the warning can be filtered (`--no-warnings`, `process.on('warning')`). */
export const NO_LLM_SPANS_WARNING_CODE = 'LLM_ANALYTICS_NO_LLM_SPANS';

/** Published by undici for every `fetch` (openai 5+, @anthropic-ai/sdk and most current clients). */
const UNDICI_REQUEST_CREATE = 'undici:request:create';
/** Published by `node:http` for every client request (openai 4 and other node-fetch clients). */
// eslint-disable-next-line no-restricted-syntax -- a diagnostics_channel name, not an attribute key
const HTTP_CLIENT_REQUEST_START = 'http.client.request.start';
/** Sent by every Stainless-generated LLM client: openai, @anthropic-ai/sdk, groq-sdk, … */
const LLM_CLIENT_HEADER = 'x-stainless-lang';

/** Time left to an LLM span to show up after the first uninstrumented call, before warning. */
const WARN_DELAY_MS = 10_000;

/** Warned at most once per process, however many processors or copies of this package. */
const WARNED = Symbol.for('@llm-analytics/node-sdk/no-llm-spans-warned');

interface UndiciRequestMessage {
  request?: { origin?: unknown; headers?: unknown };
}
interface HttpRequestMessage {
  request?: { getHeader?: (name: string) => unknown; host?: unknown };
}
/** The parts of an active SDK span the check reads (the API's `Span` does not expose them). */
interface ActiveSpanLike {
  attributes?: Record<string, unknown>;
  instrumentationScope?: { name?: string };
  instrumentationLibrary?: { name?: string };
  isRecording?: () => boolean;
}

function hasLlmClientHeader(headers: unknown): boolean {
  // undici 6 and 7: a flat [name, value, name, value, …] array; undici 5: a raw header string.
  if (Array.isArray(headers)) {
    for (let i = 0; i < headers.length; i += 2) {
      const name: unknown = headers[i];
      if (typeof name === 'string' && name.toLowerCase() === LLM_CLIENT_HEADER) return true;
    }
    return false;
  }
  return typeof headers === 'string' && headers.toLowerCase().includes(`${LLM_CLIENT_HEADER}:`);
}

/**
 * Spots the one failure that loses every event silently: an instrumentation is set up but
 * never patched the LLM client (an ES-module app without the loader hook, or a client
 * `require`d before `sdk.start()`). It watches outgoing requests through `diagnostics_channel`
 * and looks at requests sent by an LLM client library only: when one runs while an AI span
 * is active, the instrumentation works and watching stops for good. It warns once, when an
 * LLM request ran outside any AI span and still none was recorded at the next flush, at
 * shutdown, when the event loop empties, or 10 s later; never for an app that made no call.
 */
export class UninstrumentedCallMonitor {
  private processors = 0;
  private subscribed = false;
  private sawAiSpan = false;
  private uninstrumentedTarget: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  private readonly onUndiciRequest = (message: unknown): void => {
    try {
      const request = (message as UndiciRequestMessage)?.request;
      if (request && hasLlmClientHeader(request.headers)) this.onLlmRequest(request.origin);
    } catch (error) {
      logger.debug(`request check failed: ${String(error)}`);
    }
  };

  private readonly onHttpRequest = (message: unknown): void => {
    try {
      const request = (message as HttpRequestMessage)?.request;
      if (request?.getHeader?.(LLM_CLIENT_HEADER) !== undefined) this.onLlmRequest(request.host);
    } catch (error) {
      logger.debug(`request check failed: ${String(error)}`);
    }
  };

  private readonly onBeforeExit = (): void => this.check();

  /** A processor starts relying on the monitor. */
  attach(): void {
    this.processors++;
    if (this.subscribed || this.sawAiSpan || isWarned()) return;
    try {
      subscribe(UNDICI_REQUEST_CREATE, this.onUndiciRequest);
      subscribe(HTTP_CLIENT_REQUEST_START, this.onHttpRequest);
      this.subscribed = true;
    } catch (error) {
      logger.debug(
        `diagnostics_channel unavailable, no uninstrumented-call warning: ${String(error)}`,
      );
    }
  }

  /** A processor shut down: the last one stops the monitor. */
  detach(): void {
    this.processors = Math.max(0, this.processors - 1);
    if (this.processors === 0) this.stop();
  }

  /** Whether `onEnd` still needs to report AI spans (false once one was seen). */
  get watching(): boolean {
    return this.subscribed;
  }

  /** An AI span ended: instrumentation works, nothing to warn about. */
  noteAiSpan(): void {
    this.sawAiSpan = true;
    this.stop();
  }

  /** Warn now if an LLM call ran uninstrumented and no AI span was ever recorded. */
  check(): void {
    if (this.sawAiSpan || this.uninstrumentedTarget === undefined || isWarned()) return;
    markWarned();
    this.stop();
    const message = warningText(this.uninstrumentedTarget);
    logger.warn(message);
    try {
      process.emitWarning(message, { code: NO_LLM_SPANS_WARNING_CODE });
    } catch (error) {
      logger.debug(`process.emitWarning failed: ${String(error)}`);
    }
  }

  private onLlmRequest(target: unknown): void {
    if (this.sawAiSpan) return;
    const span = trace.getActiveSpan() as ActiveSpanLike | undefined;
    if (span) {
      // A span dropped by the sampler tells nothing either way.
      if (span.isRecording?.() === false) return;
      const scope = span.instrumentationScope?.name ?? span.instrumentationLibrary?.name;
      if (isAISpan(scope, span.attributes)) {
        this.noteAiSpan();
        return;
      }
    }
    if (this.uninstrumentedTarget !== undefined) return;
    this.uninstrumentedTarget = typeof target === 'string' && target ? target : 'an LLM API';
    this.timer = setTimeout(() => this.check(), WARN_DELAY_MS);
    this.timer.unref();
    process.once('beforeExit', this.onBeforeExit);
  }

  private stop(): void {
    if (this.subscribed) {
      unsubscribe(UNDICI_REQUEST_CREATE, this.onUndiciRequest);
      unsubscribe(HTTP_CLIENT_REQUEST_START, this.onHttpRequest);
      this.subscribed = false;
    }
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    process.off('beforeExit', this.onBeforeExit);
  }
}

function isWarned(): boolean {
  return (globalThis as Record<symbol, unknown>)[WARNED] === true;
}

/** Another warning already named the cause (an unpatched client version): no second line. */
export function markUninstrumentedCallsExplained(): void {
  markWarned();
}

function markWarned(): void {
  (globalThis as Record<symbol, unknown>)[WARNED] = true;
}

function warningText(target: string): string {
  const advice = isLoaderHookRegistered()
    ? 'The ES-module loader hook is registered: check that the instrumentation supports this ' +
      'client version and that one copy of @opentelemetry/instrumentation is installed.'
    : "Register its instrumentation (e.g. new OpenAIInstrumentation() in NodeSDK's instrumentations); " +
      'in an ES-module app, start Node with `node --import @llm-analytics/node-sdk/register app.mjs`; ' +
      'in CommonJS, call sdk.start() before the first require of the client library.';
  return (
    `@llm-analytics/node-sdk: an LLM client called ${target}, but no LLM span was recorded, so ` +
    `no $ai_* event will be sent: no OpenTelemetry instrumentation patched the client. ${advice}`
  );
}

/** The one monitor of this copy of the package, shared by its processors. */
export const uninstrumentedCallMonitor = new UninstrumentedCallMonitor();
