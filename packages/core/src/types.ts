/**
 * Public types of @llm-analytics/core: the plain span record every input is converted to,
 * the normalized call the normalizers produce, and the analytics event that leaves.
 */
import type { AI_EMBEDDING, AI_GENERATION, AI_SPAN, AI_TRACE } from './semconv/posthog';

/** A decoded OpenTelemetry attribute value (every OTLP AnyValue type, JSON-safe). */
export type AttributeValue =
  string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };

/** Attribute map. Keys are own properties even when hostile (`__proto__`). */
export type Attributes = Record<string, AttributeValue>;

export type SpanKindName =
  'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';
export type StatusCodeName = 'unset' | 'ok' | 'error';

export interface SpanEventRecord {
  name: string;
  /** Nanoseconds since the epoch as a decimal string. */
  timeUnixNano: string;
  attributes: Attributes;
}

/** A content log record (OTel GenAI events sent through the Logs API) joined to its span. */
export interface LogRecordRecord {
  /** Nanoseconds since the epoch as a decimal string ("0" when unknown). */
  timeUnixNano: string;
  /** `event.name` attribute or the LogRecord's EventName field. */
  eventName?: string;
  severityText?: string;
  body?: AttributeValue;
  attributes: Attributes;
  traceId?: string;
  spanId?: string;
}

/** A plain, JSON-safe span: the one shape the whole pipeline works on. */
export interface SpanRecord {
  /** 32 lower-case hex characters. */
  traceId: string;
  /** 16 lower-case hex characters. */
  spanId: string;
  /** Parent span id, absent on roots. */
  parentSpanId?: string;
  name: string;
  kind: SpanKindName;
  /** Nanoseconds since the epoch as decimal strings. */
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  status: { code: StatusCodeName; message?: string };
  scope: { name: string; version?: string };
  resource: Attributes;
  attributes: Attributes;
  events: SpanEventRecord[];
  /** Content log records that belong to this span (joined by span id). */
  logs: LogRecordRecord[];
}

export type CallKind =
  'generation' | 'embedding' | 'tool' | 'agent' | 'chain' | 'retriever' | 'span';

/** One part of a multi-part message content. */
export interface MessagePart {
  type: string;
  [key: string]: unknown;
}

export interface ToolCall {
  id?: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** The one message shape of `$ai_input` and `$ai_output_choices` (OpenAI chat style). */
export interface Message {
  role: string;
  content: string | MessagePart[] | null;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
  name?: string;
  finish_reason?: string;
}

export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
  /**
   * Whether `inputTokens` already includes cached tokens (OTel, OpenAI, OpenInference: yes;
   * Anthropic raw counts: no). Absent means the OTel convention (true).
   */
  inputIncludesCache?: boolean;
  /** The instrumentation estimated the counts itself (e.g. Traceloop streaming). */
  estimated?: boolean;
}

/** Request parameters in OpenAI's snake_case names (`temperature`, `max_tokens`, `top_p`, …). */
export type ModelParameters = Record<string, unknown>;

/** The canonical, typed record a normalizer produces from one span. */
export interface NormalizedCall {
  kind: CallKind;
  provider?: string;
  requestModel?: string;
  responseModel?: string;
  operationName?: string;
  spanName?: string;
  input?: Message[];
  output?: Message[];
  systemInstructions?: string | MessagePart[];
  tools?: unknown[];
  usage?: Usage;
  /** The span sums its children (outer generateText, invoke_agent): never costed. */
  aggregate?: boolean;
  parameters?: ModelParameters;
  stream?: boolean;
  timeToFirstTokenSeconds?: number;
  stopReason?: string;
  responseId?: string;
  error?: string;
  errorType?: string;
  httpStatus?: number;
  baseUrl?: string;
  sessionId?: string;
  distinctId?: string;
  traceName?: string;
  inputState?: unknown;
  outputState?: unknown;
  /** Costs reported by the instrumentation or the user: they win over computed prices. */
  cost?: { input?: number; output?: number; total?: number };
  /** Extra event properties this normalizer derived (e.g. metadata with a prefix removed). */
  properties?: Record<string, unknown>;
  /** Span attribute keys this normalizer mapped; they are not passed through. */
  consumedKeys: Set<string>;
}

/** What a normalizer returns: any subset of the call, plus the keys it consumed. */
export type PartialCall = Partial<Omit<NormalizedCall, 'consumedKeys'>> & {
  consumedKeys?: Iterable<string>;
};

/** A pure mapping from one span to part of a call, owned by the core or an adapter. */
export interface Normalizer {
  /** Stable name, for diagnostics. */
  name: string;
  /** Cheap check: does this normalizer understand the span? */
  matches(span: SpanRecord): boolean;
  /** Map the span; `undefined` when nothing applies. Must not mutate the span. */
  normalize(span: SpanRecord): PartialCall | undefined;
}

export type AiEventName =
  typeof AI_GENERATION | typeof AI_EMBEDDING | typeof AI_SPAN | typeof AI_TRACE;

/** A PostHog capture event, as sent in a `/batch/` body and as `convert` prints it. */
export interface AiEvent {
  event: AiEventName;
  distinct_id: string;
  uuid: string;
  /** ISO 8601 time of the span start. */
  timestamp: string;
  properties: Record<string, unknown>;
}
