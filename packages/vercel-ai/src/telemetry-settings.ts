import type { AttributeValue } from '@opentelemetry/api';
import { VercelAiIdentityKey } from '@llm-analytics/core/semconv';

/** What `posthogTelemetry` puts into AI SDK 6's `experimental_telemetry`. */
export interface PostHogTelemetryOptions {
  /** The person the call belongs to (`$ai_generation`'s `distinct_id`). */
  distinctId?: string;
  /** Groups calls into a session (`$ai_session_id`). */
  sessionId?: string;
  /** Names the call's outer span (`$ai_span_name` of the trace). */
  functionId?: string;
  /** Extra event properties (`plan: 'pro'`); identity keys above win. */
  properties?: Record<string, AttributeValue>;
  /** AI SDK switch: record prompts and messages (default true). */
  recordInputs?: boolean;
  /** AI SDK switch: record responses (default true). */
  recordOutputs?: boolean;
}

/** AI SDK 6 `TelemetrySettings`, structurally (the `ai` package is not a dependency). */
export interface AiSdkTelemetrySettings {
  isEnabled: true;
  functionId?: string;
  metadata: Record<string, AttributeValue>;
  recordInputs?: boolean;
  recordOutputs?: boolean;
}

/**
 * `experimental_telemetry` for an AI SDK 6 call, with identity in the metadata keys this
 * package reads: `generateText({ ..., experimental_telemetry: posthogTelemetry({ distinctId }) })`.
 */
export function posthogTelemetry(options: PostHogTelemetryOptions = {}): AiSdkTelemetrySettings {
  const metadata: Record<string, AttributeValue> = { ...options.properties };
  if (options.distinctId) metadata[VercelAiIdentityKey.posthogDistinctId] = options.distinctId;
  if (options.sessionId) metadata[VercelAiIdentityKey.sessionId[0]] = options.sessionId;
  const settings: AiSdkTelemetrySettings = { isEnabled: true, metadata };
  if (options.functionId) settings.functionId = options.functionId;
  if (options.recordInputs !== undefined) settings.recordInputs = options.recordInputs;
  if (options.recordOutputs !== undefined) settings.recordOutputs = options.recordOutputs;
  return settings;
}
