/** Checks an evaluator sent to the API: every problem is a 400 that names the field. */
import { badRequest } from '../http/http-error';
import type {
  CodeCheck,
  EvaluatorFilters,
  EvaluatorInput,
  JudgeKind,
  ResultShape,
} from './evaluator-types';

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(path: string, problem: string): never {
  throw badRequest(`evaluator ${path} ${problem}`);
}

function text(value: unknown, path: string, maxLength = 200): string {
  if (typeof value !== 'string' || value.trim() === '') fail(path, 'must be a non-empty string');
  if (value.length > maxLength) fail(path, `must be at most ${maxLength} characters`);
  return value;
}

function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'must be a number');
  return value;
}

function optionalNumber(value: unknown, path: string): number | undefined {
  return value === undefined ? undefined : finite(value, path);
}

function textList(value: unknown, path: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0 || value.length > 50)
    fail(path, 'must be a list of 1 to 50 strings');
  return value.map((item, index) => text(item, `${path}[${index}]`));
}

function onlyKeys(record: Json, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(record))
    if (!allowed.includes(key))
      fail(path, `has an unknown field "${key}"; accepted: ${allowed.join(', ')}`);
}

function parseFilters(value: unknown): EvaluatorFilters {
  if (value === undefined) return {};
  if (!isRecord(value)) fail('filters', 'must be an object');
  onlyKeys(value, ['models', 'providers', 'apps', 'spanNames', 'property'], 'filters');
  const filters: EvaluatorFilters = {};
  const lists = ['models', 'providers', 'apps', 'spanNames'] as const;
  for (const key of lists) {
    const list = textList(value[key], `filters.${key}`);
    if (list) filters[key] = list;
  }
  if (value['property'] !== undefined) {
    const property = value['property'];
    if (!isRecord(property)) fail('filters.property', 'must be { key, equals }');
    filters.property = {
      key: text(property['key'], 'filters.property.key'),
      equals:
        typeof property['equals'] === 'string'
          ? property['equals']
          : fail('filters.property.equals', 'must be a string'),
    };
  }
  return filters;
}

function parseResultShape(value: unknown): ResultShape {
  if (!isRecord(value)) fail('evaluator.result', 'must be an object with a type');
  switch (value['type']) {
    case 'boolean':
      return { type: 'boolean' };
    case 'number': {
      const min = finite(value['min'], 'evaluator.result.min');
      const max = finite(value['max'], 'evaluator.result.max');
      if (min >= max) fail('evaluator.result', 'needs min below max');
      const passThreshold = optionalNumber(
        value['passThreshold'],
        'evaluator.result.passThreshold',
      );
      if (passThreshold !== undefined && (passThreshold < min || passThreshold > max))
        fail('evaluator.result.passThreshold', 'must lie between min and max');
      return {
        type: 'number',
        min,
        max,
        ...(passThreshold !== undefined ? { passThreshold } : {}),
      };
    }
    case 'category': {
      const categories = textList(value['categories'], 'evaluator.result.categories');
      if (!categories) fail('evaluator.result.categories', 'is required');
      if (new Set(categories).size !== categories.length)
        fail('evaluator.result.categories', 'must not repeat a category');
      const passing = textList(value['passing'], 'evaluator.result.passing');
      for (const name of passing ?? [])
        if (!categories.includes(name))
          fail('evaluator.result.passing', `names "${name}", which is not a category`);
      return { type: 'category', categories, ...(passing ? { passing } : {}) };
    }
    default:
      return fail('evaluator.result.type', 'must be "boolean", "number" or "category"');
  }
}

function parseJudge(value: Json): JudgeKind {
  onlyKeys(value, ['kind', 'prompt', 'model', 'result'], 'evaluator');
  return {
    kind: 'llm_judge',
    prompt: text(value['prompt'], 'evaluator.prompt', 20_000),
    model: text(value['model'], 'evaluator.model'),
    result: parseResultShape(value['result']),
  };
}

function expectation(value: unknown): { expect?: 'match' | 'no_match' } {
  if (value === undefined) return {};
  if (value !== 'match' && value !== 'no_match')
    fail('evaluator.check.expect', 'must be "match" or "no_match"');
  return { expect: value };
}

function parseCheck(value: unknown): CodeCheck {
  if (!isRecord(value)) fail('evaluator.check', 'must be an object with a check');
  switch (value['check']) {
    case 'regex': {
      const pattern = text(value['pattern'], 'evaluator.check.pattern', 2000);
      const flags =
        value['flags'] === undefined
          ? undefined
          : text(value['flags'], 'evaluator.check.flags', 10);
      try {
        new RegExp(pattern, flags);
      } catch (error) {
        fail(
          'evaluator.check.pattern',
          `is not a valid regular expression: ${(error as Error).message}`,
        );
      }
      return {
        check: 'regex',
        pattern,
        ...(flags ? { flags } : {}),
        ...expectation(value['expect']),
      };
    }
    case 'contains':
      return {
        check: 'contains',
        text: text(value['text'], 'evaluator.check.text', 2000),
        ...(value['caseSensitive'] === true ? { caseSensitive: true } : {}),
        ...expectation(value['expect']),
      };
    case 'json_valid':
      return { check: 'json_valid' };
    case 'json_schema':
      if (!isRecord(value['schema']))
        fail('evaluator.check.schema', 'must be a JSON schema object');
      return { check: 'json_schema', schema: value['schema'] };
    case 'length': {
      const min = optionalNumber(value['min'], 'evaluator.check.min');
      const max = optionalNumber(value['max'], 'evaluator.check.max');
      if (min === undefined && max === undefined) fail('evaluator.check', 'needs min or max');
      if (min !== undefined && max !== undefined && min > max)
        fail('evaluator.check', 'needs min at most max');
      return {
        check: 'length',
        ...(min !== undefined ? { min } : {}),
        ...(max !== undefined ? { max } : {}),
      };
    }
    case 'latency':
      return {
        check: 'latency',
        maxSeconds: finite(value['maxSeconds'], 'evaluator.check.maxSeconds'),
      };
    case 'cost':
      return { check: 'cost', maxUsd: finite(value['maxUsd'], 'evaluator.check.maxUsd') };
    default:
      return fail(
        'evaluator.check.check',
        'must be one of regex, contains, json_valid, json_schema, length, latency, cost',
      );
  }
}

/** An evaluator from an API body; throws a 400 naming the first bad field. */
export function parseEvaluatorInput(body: unknown): EvaluatorInput {
  if (!isRecord(body)) throw badRequest('the body must be a JSON object describing an evaluator');
  onlyKeys(body, ['name', 'enabled', 'samplingRate', 'filters', 'evaluator'], 'body');
  const samplingRate =
    body['samplingRate'] === undefined ? 1 : finite(body['samplingRate'], 'samplingRate');
  if (samplingRate < 0 || samplingRate > 1) fail('samplingRate', 'must be between 0 and 1');
  if (body['enabled'] !== undefined && typeof body['enabled'] !== 'boolean')
    fail('enabled', 'must be true or false');
  const kind = body['evaluator'];
  if (!isRecord(kind)) fail('evaluator', 'must be an object with a kind ("llm_judge" or "code")');
  let evaluator: EvaluatorInput['evaluator'];
  if (kind['kind'] === 'llm_judge') evaluator = parseJudge(kind);
  else if (kind['kind'] === 'code') {
    onlyKeys(kind, ['kind', 'check'], 'evaluator');
    evaluator = { kind: 'code', check: parseCheck(kind['check']) };
  } else fail('evaluator.kind', 'must be "llm_judge" or "code"');
  return {
    name: text(body['name'], 'name'),
    enabled: body['enabled'] !== false,
    samplingRate,
    filters: parseFilters(body['filters']),
    evaluator,
  };
}
