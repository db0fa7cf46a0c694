/** The judge's prompt and its structured-output schema, from an evaluator and a generation. */
import { safeStringify } from '@llm-analytics/core';
import { P } from '@llm-analytics/core/semconv';
import type { ResultShape } from './evaluator-types';
import { inputText, outputText, type StoredGeneration } from './stored-generation';

export const JUDGE_SYSTEM_PROMPT =
  "You are an evaluator of another model's answer. Follow the criteria you are given, reply " +
  'only with the JSON the response format asks for, and explain your verdict in "reasoning". ' +
  'Set "applicable" to false when the criteria do not apply to this answer.';

/** Fill `{{input}}`, `{{output}}`, `{{tools}}`, `{{properties}}` and `{{property.KEY}}`. */
export function renderJudgePrompt(template: string, generation: StoredGeneration): string {
  const properties = generation.properties;
  return template.replace(/\{\{\s*([\w.$-]+)\s*\}\}/g, (whole, name: string) => {
    if (name === 'input') return inputText(generation);
    if (name === 'output') return outputText(generation);
    if (name === 'tools')
      return properties[P.tools] === undefined ? '' : safeStringify(properties[P.tools]);
    if (name === 'properties') return safeStringify(properties);
    if (name.startsWith('property.')) {
      const value = properties[name.slice('property.'.length)];
      return value === undefined || value === null
        ? ''
        : typeof value === 'string'
          ? value
          : safeStringify(value);
    }
    // An unknown placeholder stays as written, so a typo is visible in the judge's prompt.
    return whole;
  });
}

/** The JSON schema the judge must answer with (OpenAI `response_format: json_schema`, strict). */
export function judgeResponseSchema(shape: ResultShape): Record<string, unknown> {
  const result =
    shape.type === 'boolean'
      ? { verdict: { type: 'boolean', description: 'true when the answer passes' } }
      : shape.type === 'number'
        ? { score: { type: 'number', minimum: shape.min, maximum: shape.max } }
        : { category: { type: 'string', enum: shape.categories } };
  return {
    type: 'object',
    properties: { reasoning: { type: 'string' }, applicable: { type: 'boolean' }, ...result },
    required: ['reasoning', 'applicable', ...Object.keys(result)],
    additionalProperties: false,
  };
}
