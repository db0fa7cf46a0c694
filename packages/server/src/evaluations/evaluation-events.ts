/**
 * The events an evaluation writes: an `$ai_evaluation` in PostHog's shape, linked to the trace
 * and the generation, and (for a judge) the judge's own `$ai_generation` with its cost.
 * Their uuids derive from (project, evaluator, generation): a second run writes the same uuids
 * and the store keeps the first, so one evaluator judges one generation once.
 */
import { createHash } from 'node:crypto';
import type { AiEvent } from '@llm-analytics/core';
import { AI_EVALUATION, AI_GENERATION, P, SERVICE_NAME } from '@llm-analytics/core/semconv';
import type { EvaluationOutcome, Evaluator } from './evaluator-types';
import type { JudgeReply } from './judge-client';
import type { StoredGeneration } from './stored-generation';

/** `service.name` of the judge calls: keeps them apart in filters and out of evaluation. */
export const EVALUATION_SERVICE_NAME = 'llm-analytics-evaluations';

/** A uuid (version 8 layout) derived from the parts. */
export function deterministicUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Uuid of the `$ai_evaluation` event of this evaluator about this generation. */
export function evaluationUuid(project: string, evaluatorId: string, eventUuid: string): string {
  return deterministicUuid('evaluation', project, evaluatorId, eventUuid);
}

function resultProperties(
  evaluator: Evaluator,
  outcome: EvaluationOutcome,
): Record<string, unknown> {
  const properties: Record<string, unknown> = { [P.evaluationApplicable]: outcome.applicable };
  const kind = evaluator.evaluator;
  const shape = kind.kind === 'llm_judge' ? kind.result : { type: 'boolean' as const };
  if (shape.type === 'number') {
    properties[P.evaluationResultType] = 'numeric';
    properties[P.evaluationNumericResultMin] = shape.min;
    properties[P.evaluationNumericResultMax] = shape.max;
    if (outcome.numeric !== undefined) properties[P.evaluationNumericResult] = outcome.numeric;
  } else if (shape.type === 'category') {
    properties[P.evaluationResultType] = 'categorical';
    if (outcome.category !== undefined)
      properties[P.evaluationCategoricalResult] = [outcome.category];
  } else properties[P.evaluationResultType] = 'boolean';
  if (outcome.applicable && outcome.passed !== undefined)
    properties[P.evaluationResult] = outcome.passed;
  return properties;
}

/** The `$ai_evaluation` event (judge cost on it too, the way PostHog records it). */
export function evaluationEvent(
  evaluator: Evaluator,
  generation: StoredGeneration,
  outcome: EvaluationOutcome,
  startedAt: number,
  judge?: { reply: JudgeReply; generation: AiEvent },
): AiEvent {
  const judgeProperties = judge?.generation.properties ?? {};
  const judgeCost = Object.fromEntries(
    [P.model, P.provider, P.inputTokens, P.outputTokens, P.totalCostUsd]
      .filter((key) => judgeProperties[key] !== undefined)
      .map((key) => [key, judgeProperties[key]]),
  );
  return {
    // Scores share the capture path's event type, which names only span events.
    event: AI_EVALUATION as AiEvent['event'],
    uuid: evaluationUuid(evaluator.project, evaluator.id, generation.uuid),
    distinct_id: generation.distinctId,
    timestamp: new Date(startedAt).toISOString(),
    properties: {
      [P.evaluationId]: evaluator.id,
      [P.evaluationName]: evaluator.name,
      [P.evaluationType]: 'online',
      [P.evaluationRuntime]: evaluator.evaluator.kind,
      [P.evaluationStartTime]: new Date(startedAt).toISOString(),
      ...(evaluator.evaluator.kind === 'llm_judge'
        ? { [P.evaluationModel]: evaluator.evaluator.model }
        : {}),
      ...resultProperties(evaluator, outcome),
      [P.evaluationReasoning]: outcome.reasoning,
      [P.targetEventId]: generation.uuid,
      [P.targetEventType]: AI_GENERATION,
      ...(generation.traceId ? { [P.traceId]: generation.traceId } : {}),
      ...(generation.sessionId ? { [P.sessionId]: generation.sessionId } : {}),
      ...judgeCost,
    },
  };
}

/** The judge call as a generation of its own trace, priced like any other call. */
export function judgeGenerationEvent(
  evaluator: Evaluator,
  generation: StoredGeneration,
  prompt: string,
  reply: JudgeReply,
  startedAt: number,
  provider: string,
): AiEvent {
  const uuid = deterministicUuid('judge', evaluator.project, evaluator.id, generation.uuid);
  return {
    event: AI_GENERATION,
    uuid,
    // The judge's spend is the evaluations', not the end user's.
    distinct_id: EVALUATION_SERVICE_NAME,
    timestamp: new Date(startedAt).toISOString(),
    properties: {
      [P.traceId]: `evaluation-${uuid}`,
      [P.spanId]: uuid.replace(/-/g, '').slice(0, 16),
      [P.spanName]: `evaluation: ${evaluator.name}`,
      [P.traceName]: `evaluation: ${evaluator.name}`,
      [P.model]: reply.model,
      [P.requestModel]:
        evaluator.evaluator.kind === 'llm_judge' ? evaluator.evaluator.model : reply.model,
      [P.provider]: provider,
      [P.input]: [{ role: 'user', content: prompt }],
      [P.outputChoices]: [{ role: 'assistant', content: reply.content }],
      ...(reply.inputTokens !== null ? { [P.inputTokens]: reply.inputTokens } : {}),
      ...(reply.outputTokens !== null ? { [P.outputTokens]: reply.outputTokens } : {}),
      [P.latency]: reply.latencySeconds,
      [P.httpStatus]: reply.httpStatus,
      [P.evaluationId]: evaluator.id,
      [P.targetEventId]: generation.uuid,
      [SERVICE_NAME]: EVALUATION_SERVICE_NAME,
      [P.processPersonProfile]: false,
    },
  };
}
