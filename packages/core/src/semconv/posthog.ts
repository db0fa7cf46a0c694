/** PostHog `$ai_*` event names and property keys (the output side of the mapping). */

export const AI_GENERATION = '$ai_generation' as const;
export const AI_EMBEDDING = '$ai_embedding' as const;
export const AI_SPAN = '$ai_span' as const;
export const AI_TRACE = '$ai_trace' as const;
/** User feedback on a trace (PostHog): `$ai_feedback_text`. */
export const AI_FEEDBACK = '$ai_feedback' as const;
/** A named score of a trace (PostHog): `$ai_metric_name`, `$ai_metric_value`. */
export const AI_METRIC = '$ai_metric' as const;
/** An evaluator's verdict on a generation (PostHog): `$ai_evaluation_*`. */
export const AI_EVALUATION = '$ai_evaluation' as const;

export const P = {
  traceId: '$ai_trace_id',
  spanId: '$ai_span_id',
  parentId: '$ai_parent_id',
  spanName: '$ai_span_name',
  traceName: '$ai_trace_name',
  model: '$ai_model',
  requestModel: '$ai_request_model',
  provider: '$ai_provider',
  input: '$ai_input',
  outputChoices: '$ai_output_choices',
  inputTokens: '$ai_input_tokens',
  outputTokens: '$ai_output_tokens',
  totalTokens: '$ai_total_tokens',
  cacheReadInputTokens: '$ai_cache_read_input_tokens',
  cacheCreationInputTokens: '$ai_cache_creation_input_tokens',
  reasoningTokens: '$ai_reasoning_tokens',
  inputTokensIncludeCache: '$ai_input_tokens_include_cache',
  usageEstimated: '$ai_usage_estimated',
  latency: '$ai_latency',
  timeToFirstToken: '$ai_time_to_first_token',
  stream: '$ai_stream',
  temperature: '$ai_temperature',
  maxTokens: '$ai_max_tokens',
  modelParameters: '$ai_model_parameters',
  tools: '$ai_tools',
  stopReason: '$ai_stop_reason',
  responseId: '$ai_response_id',
  httpStatus: '$ai_http_status',
  baseUrl: '$ai_base_url',
  isError: '$ai_is_error',
  error: '$ai_error',
  errorType: '$ai_error_type',
  inputCostUsd: '$ai_input_cost_usd',
  outputCostUsd: '$ai_output_cost_usd',
  totalCostUsd: '$ai_total_cost_usd',
  costError: '$ai_cost_error',
  sessionId: '$ai_session_id',
  lib: '$ai_lib',
  libVersion: '$ai_lib_version',
  framework: '$ai_framework',
  inputState: '$ai_input_state',
  outputState: '$ai_output_state',
  operation: '$ai_operation',
  spanKind: '$ai_span_kind',
  processPersonProfile: '$process_person_profile',
  truncated: '$ai_truncated',
  /** On a span demoted because another span describes the same model call: that span's id. */
  duplicateOf: '$ai_duplicate_of',
  /** OpenInference `tag.tags` as a string array. */
  tags: '$ai_tags',
  /** Feedback text of an `$ai_feedback` event. */
  feedbackText: '$ai_feedback_text',
  /** Name of an `$ai_metric` score. */
  metricName: '$ai_metric_name',
  /** Value of an `$ai_metric` score: a number or a label (posthog-js sends it as a string). */
  metricValue: '$ai_metric_value',
  /** Name of the evaluation that produced an `$ai_evaluation` event. */
  evaluationName: '$ai_evaluation_name',
  /** Boolean verdict of an evaluation (pass / fail). */
  evaluationResult: '$ai_evaluation_result',
  /** Numeric result of a numeric evaluation. */
  evaluationNumericResult: '$ai_evaluation_numeric_result',
  /** False when the evaluation's criterion did not apply ("N/A"). */
  evaluationApplicable: '$ai_evaluation_applicable',
  /** The judge's explanation of its verdict. */
  evaluationReasoning: '$ai_evaluation_reasoning',
  /** Uuid of the event (a generation) an evaluation is about. */
  targetEventId: '$ai_target_event_id',
  /** Event name of the evaluated event (PostHog): `$ai_generation`. */
  targetEventType: '$ai_target_event_type',
  /** Id of the evaluator that produced an `$ai_evaluation` event. */
  evaluationId: '$ai_evaluation_id',
  /** Judge model of an LLM-judge evaluation. */
  evaluationModel: '$ai_evaluation_model',
  /** When the evaluation started (ISO 8601). */
  evaluationStartTime: '$ai_evaluation_start_time',
  /** Result type of an evaluation (PostHog): `boolean`, `numeric` or `categorical`. */
  evaluationResultType: '$ai_evaluation_result_type',
  /** Lower bound of a numeric evaluation's range. */
  evaluationNumericResultMin: '$ai_evaluation_numeric_result_min',
  /** Upper bound of a numeric evaluation's range. */
  evaluationNumericResultMax: '$ai_evaluation_numeric_result_max',
  /** Category keys chosen by a categorical evaluation (a list, also for one choice). */
  evaluationCategoricalResult: '$ai_evaluation_categorical_result',
  /** `online` for evaluations run by the worker on live generations (PostHog). */
  evaluationType: '$ai_evaluation_type',
  /** `llm_judge` or `code`: what ran the evaluation. */
  evaluationRuntime: '$ai_evaluation_runtime',
  /** On a generation moved under the framework span that made the call: its OTel parent. */
  originalParentId: '$ai_original_parent_id',
} as const;
