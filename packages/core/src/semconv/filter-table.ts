/**
 * The one table that decides whether a span is an AI span, shared by the SDK's client-side
 * filter and the server. Bump the version when an entry changes so both sides can report it.
 */
export const AI_SPAN_TABLE_VERSION = 2 as const;

/** Attribute key prefixes that mark a span as AI. */
export const AI_ATTRIBUTE_PREFIXES: readonly string[] = [
  'gen_ai.', // OpenTelemetry GenAI, AI SDK 7, OpenLLMetry, OpenLIT, Pydantic AI
  'ai.', // Vercel AI SDK 6
  'llm.', // OpenInference, OpenLLMetry indexed form
  'traceloop.', // OpenLLMetry workflows, tasks, agents, tools
  'openinference.', // OpenInference span kind
  'mlflow.span', // MLflow tracing
  'pydantic_ai.', // Pydantic AI
  'embedding.', // OpenInference embeddings
];

/** Instrumentation scope name prefixes that mark a span as AI whatever its attributes. */
export const AI_SCOPE_PREFIXES: readonly string[] = [
  '@opentelemetry/instrumentation-openai',
  '@traceloop/',
  '@arizeai/openinference',
  'openinference.',
  'com.anthropic.sdk',
  'pydantic-ai',
  'openlit',
  '@openlit/', // OpenLIT's TypeScript SDK (`@openlit/instrumentation-openai`, …)
  'mlflow',
  'logfire.openai', // Logfire's OpenAI integration (and `logfire.openai_agents`)
  'logfire.anthropic', // Logfire's Anthropic integration
];

/** Scope names that must match exactly (too short to be prefixes). */
export const AI_SCOPE_NAMES: readonly string[] = ['ai', 'gen_ai'];

/** Span name prefixes that mark a span as AI (PostHog's filter checks names too). */
export const AI_SPAN_NAME_PREFIXES: readonly string[] = ['gen_ai.', 'ai.', 'llm.', 'traceloop.'];
