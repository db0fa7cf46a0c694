import {
  convertToolDefinitions,
  type AttributeReader,
  type ModelParameters,
} from '@llm-analytics/core';
import { OI_LLM_INVOCATION_PARAMETERS } from '@llm-analytics/core/semconv';
import { isPlainObject, setOwn } from '@llm-analytics/core';
import { nonEmptyString, parseStructured } from './json';

/** Request-body keys that are not parameters: content (kept out of properties) or mapped elsewhere. */
const NOT_PARAMETERS = new Set([
  'model',
  'messages',
  'input',
  'instructions',
  'prompt',
  'system',
  'tools',
  'functions',
  'stream',
]);

/** Other names of the output-token limit, reported as `max_tokens`. */
const MAX_TOKENS_ALIASES = ['max_completion_tokens', 'max_output_tokens'];

export interface InvocationDetails {
  parameters?: ModelParameters;
  stream?: boolean;
  requestModel?: string;
  /** Tool definitions found in the request, for spans without `llm.tools.*`. */
  tools?: unknown[];
}

/**
 * `llm.invocation_parameters`: the request body without the messages (a JSON string, or a
 * structured value from other exporters) → parameters, the stream flag and the requested model.
 */
export function readInvocationParameters(reader: AttributeReader): InvocationDetails {
  const parsed = parseStructured(reader.raw(OI_LLM_INVOCATION_PARAMETERS));
  if (!isPlainObject(parsed)) return {};
  const details: InvocationDetails = {};
  const parameters: ModelParameters = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (NOT_PARAMETERS.has(key) || value === undefined) continue;
    setOwn(parameters, key, value);
  }
  for (const alias of MAX_TOKENS_ALIASES) {
    if (parameters[alias] === undefined || parameters.max_tokens !== undefined) continue;
    parameters.max_tokens = parameters[alias];
    delete parameters[alias];
  }
  if (Object.keys(parameters).length) details.parameters = parameters;
  if (typeof parsed.stream === 'boolean') details.stream = parsed.stream;
  const model = nonEmptyString(parsed.model);
  if (model) details.requestModel = model;
  const tools = convertToolDefinitions(parsed.tools ?? parsed.functions);
  if (tools) details.tools = tools;
  return details;
}
