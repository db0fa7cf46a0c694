import { asArray, asRecord, asString } from './json-utils';

/** A sample value for a JSON schema: enums pick their first value, strings say "Paris". */
export function sampleValueForSchema(schema: unknown, depth = 0): unknown {
  const record = asRecord(schema);
  const enumValues = asArray(record.enum);
  if (enumValues.length > 0) return enumValues[0];
  if (record.const !== undefined) return record.const;
  const type = Array.isArray(record.type) ? asString(record.type[0]) : asString(record.type);
  switch (type) {
    case 'string':
      return 'Paris';
    case 'number':
    case 'integer':
      // Inside a declared range (a judge's score), else 1.
      return typeof record.minimum === 'number' ? record.minimum : 1;
    case 'boolean':
      return true;
    case 'array':
      return depth < 4 ? [sampleValueForSchema(record.items, depth + 1)] : [];
    case 'null':
      return null;
    default:
      break;
  }
  const properties = asRecord(record.properties);
  if (type === 'object' || Object.keys(properties).length > 0) {
    if (depth >= 4) return {};
    return Object.fromEntries(
      Object.entries(properties).map(([key, value]) => [
        key,
        sampleValueForSchema(value, depth + 1),
      ]),
    );
  }
  return 'Paris';
}

/** JSON arguments for a call to a tool with this parameter schema. */
export function sampleArgumentsJson(parameters: unknown): string {
  const value = parameters === undefined ? {} : sampleValueForSchema(parameters);
  return JSON.stringify(typeof value === 'object' && value !== null ? value : {});
}

/** Splits a string into a few fragments, as OpenAI streams tool-call arguments. */
export function splitIntoFragments(text: string, size = 8): string[] {
  const fragments: string[] = [];
  for (let index = 0; index < text.length; index += size) {
    fragments.push(text.slice(index, index + size));
  }
  return fragments;
}

/** Splits text into word-sized deltas that keep their leading whitespace. */
export function splitIntoWords(text: string): string[] {
  return text.match(/\s*\S+\s*$|\s*\S+/g) ?? (text.length > 0 ? [text] : []);
}
