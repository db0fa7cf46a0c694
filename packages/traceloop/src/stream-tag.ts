import { context, createContextKey, type Context } from '@opentelemetry/api';
import { type ProcessorSpan } from '@llm-analytics/core';
import { GEN_AI_REQUEST_STREAM, TRACELOOP_OPENAI_SCOPE } from '@llm-analytics/core/semconv';
import { logger } from './logger';
import type { OpenAIClientLike } from './types';

/** Set in the context of a streamed call made through a tagged client. */
const STREAMED_CALL = createContextKey('@llm-analytics/traceloop streamed call');
/** Marks a `create` this module already wrapped, so tagging a client twice is harmless. */
const WRAPPED = Symbol.for('@llm-analytics/traceloop.tagStreamedCalls');

type Method = (this: unknown, ...args: unknown[]) => unknown;

function isStreamedRequest(body: unknown): boolean {
  return (
    typeof body === 'object' && body !== null && (body as { stream?: unknown }).stream === true
  );
}

function wrapCreate(resource: object | undefined): void {
  if (typeof resource !== 'object' || resource === null) return;
  const target = resource as { create?: Method & { [WRAPPED]?: true } };
  if (typeof target.create !== 'function' || target.create[WRAPPED]) return;
  // An own `create` (someone's override) is kept; otherwise the prototype's is looked up on
  // every call, so an instrumentation that patches the class later is still called.
  const own = Object.prototype.hasOwnProperty.call(target, 'create') ? target.create : undefined;
  const tagged = function (this: unknown, ...args: unknown[]): unknown {
    const create = own ?? (Object.getPrototypeOf(target) as { create: Method }).create;
    if (!isStreamedRequest(args[0])) return create.apply(this, args);
    const streamed = context.active().setValue(STREAMED_CALL, true);
    return context.with(streamed, () => create.apply(this, args));
  };
  Object.defineProperty(tagged, WRAPPED, { value: true });
  target.create = tagged;
}

/**
 * Marks the streamed calls (`stream: true`) of this `openai` client, so this package's
 * `PostHogSpanProcessor` can flag their usage as `$ai_usage_estimated` (Traceloop counts a
 * streamed call's tokens itself, with tiktoken) and set `$ai_stream`. The request sent to the
 * API is not changed. Returns the same client.
 */
export function tagStreamedCalls<Client extends OpenAIClientLike>(client: Client): Client {
  try {
    wrapCreate(client?.chat?.completions);
    wrapCreate(client?.completions);
    wrapCreate(client?.responses);
  } catch (error) {
    // A client of an unexpected shape keeps working; only the stream flag is lost.
    logger.warn(`tagStreamedCalls could not wrap the client: ${String(error)}`);
  }
  return client;
}

type StartedSpan = ProcessorSpan & { setAttribute?: (key: string, value: boolean) => unknown };

/** In `onStart`: flag the span of Traceloop's OpenAI instrumentation started by a tagged streamed call. */
export function flagStreamedSpan(span: StartedSpan, parentContext: Context | undefined): void {
  if (parentContext?.getValue(STREAMED_CALL) !== true) return;
  const scope = span.instrumentationScope?.name ?? span.instrumentationLibrary?.name;
  if (scope !== TRACELOOP_OPENAI_SCOPE || typeof span.setAttribute !== 'function') return;
  span.setAttribute(GEN_AI_REQUEST_STREAM, true);
}
