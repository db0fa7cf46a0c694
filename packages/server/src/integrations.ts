import type { Integration } from '@llm-analytics/core';
import { openInferenceIntegration } from '@llm-analytics/openinference';
import { traceloopIntegration } from '@llm-analytics/traceloop';
import { vercelAiIntegration } from '@llm-analytics/vercel-ai';

/**
 * Every framework integration: the one list, used by `serve` and `convert` alike, so what the
 * server stores from OTLP is exactly what each SDK would have sent. Each integration claims
 * only its own framework's spans (by scope or namespace), so their order only matters for
 * spans two frameworks both touched. A new framework is added here and nowhere else.
 */
export const DEFAULT_INTEGRATIONS: readonly Integration[] = [
  vercelAiIntegration,
  traceloopIntegration,
  openInferenceIntegration,
];
