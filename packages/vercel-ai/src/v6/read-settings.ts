import { type AttributeReader, type ModelParameters } from '@llm-analytics/core';
import {
  VERCEL_PROMPT_TOOL_CHOICE,
  VERCEL_SCHEMA,
  VERCEL_SCHEMA_DESCRIPTION,
  VERCEL_SCHEMA_NAME,
  VERCEL_SETTINGS_CONTEXT_PREFIX,
  VERCEL_SETTINGS_PREFIX,
} from '@llm-analytics/core/semconv';
import { asString } from '../shared/as-string';
import { isPlainObject, parseMaybeJson } from '@llm-analytics/core';

/** AI SDK call settings → OpenAI-style parameter names. */
const PARAMETER_NAMES = new Map<string, string>([
  ['maxOutputTokens', 'max_tokens'],
  ['maxTokens', 'max_tokens'],
  ['temperature', 'temperature'],
  ['topP', 'top_p'],
  ['topK', 'top_k'],
  ['presencePenalty', 'presence_penalty'],
  ['frequencyPenalty', 'frequency_penalty'],
  ['stopSequences', 'stop'],
  ['seed', 'seed'],
]);

/** Settings of the call, not of the model: consumed and dropped. */
const CALL_SETTINGS = new Set(['maxRetries', 'timeout']);

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** `{type: 'auto'}` → `auto`; `{type: 'tool', toolName}` → OpenAI's function choice. */
function toolChoice(value: unknown): unknown {
  const parsed = parseMaybeJson(value);
  if (!isPlainObject(parsed)) return parsed;
  const name = asString(parsed.toolName);
  if (parsed.type === 'tool' && name) return { type: 'function', function: { name } };
  return typeof parsed.type === 'string' ? parsed.type : parsed;
}

/**
 * Request parameters from `ai.settings.*` (AI SDK names mapped to OpenAI's), the tool choice
 * and, for object generation, the schema as a `response_format`.
 */
export function readVercelParameters(reader: AttributeReader): ModelParameters | undefined {
  const parameters: ModelParameters = {};
  for (const key of reader.keysWithPrefix(VERCEL_SETTINGS_PREFIX)) {
    if (key.startsWith(VERCEL_SETTINGS_CONTEXT_PREFIX)) continue;
    const setting = key.slice(VERCEL_SETTINGS_PREFIX.length);
    const value = reader.raw(key);
    if (setting === '' || setting === '__proto__' || CALL_SETTINGS.has(setting)) continue;
    if (value === null || value === undefined) continue;
    parameters[PARAMETER_NAMES.get(setting) ?? snakeCase(setting)] = value;
  }
  if (reader.has(VERCEL_PROMPT_TOOL_CHOICE)) {
    parameters.tool_choice = toolChoice(reader.raw(VERCEL_PROMPT_TOOL_CHOICE));
  }
  if (reader.has(VERCEL_SCHEMA)) {
    const format: Record<string, unknown> = { type: 'json_schema' };
    const name = reader.string(VERCEL_SCHEMA_NAME);
    const description = reader.string(VERCEL_SCHEMA_DESCRIPTION);
    if (name) format.name = name;
    if (description) format.description = description;
    format.schema = parseMaybeJson(reader.raw(VERCEL_SCHEMA));
    parameters.response_format = format;
  }
  reader.consume(VERCEL_SCHEMA_NAME, VERCEL_SCHEMA_DESCRIPTION);
  return Object.keys(parameters).length > 0 ? parameters : undefined;
}
