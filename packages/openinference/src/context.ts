import { type AttributeReader, type PartialCall } from '@llm-analytics/core';
import {
  OI_LLM_PROMPT_TEMPLATE_TEMPLATE,
  OI_LLM_PROMPT_TEMPLATE_VARIABLES,
  OI_METADATA,
  OI_SESSION_ID,
  OI_TAG_TAGS,
  OI_USER_ID,
  P,
} from '@llm-analytics/core/semconv';
import { isPlainObject, setOwn } from '@llm-analytics/core';
import { parseStructured } from './json';

/** Event property holding `tag.tags` as a string array. */
export const TAGS_PROPERTY = P.tags;
/** Most metadata keys turned into properties; the rest are dropped (attribute maps are hostile). */
export const MAX_METADATA_KEYS = 256;

function readTags(reader: AttributeReader): string[] | undefined {
  if (!reader.has(OI_TAG_TAGS)) return undefined;
  const raw = reader.attributes[OI_TAG_TAGS];
  const parsed = Array.isArray(raw) ? raw : parseStructured(raw);
  if (Array.isArray(parsed)) {
    reader.consume(OI_TAG_TAGS);
    const tags = parsed.filter((tag): tag is string => typeof tag === 'string' && tag !== '');
    return tags.length ? tags : undefined;
  }
  if (typeof raw === 'string' && raw !== '') {
    reader.consume(OI_TAG_TAGS);
    return [raw];
  }
  return undefined;
}

/**
 * `metadata` (a JSON object string, from `setMetadata` or by hand) → one event property per
 * key, unprefixed, the way PostHog's own SDK wrappers add custom properties. Anything but an
 * object is left alone and travels as `metadata`.
 */
function readMetadata(reader: AttributeReader): Record<string, unknown> | undefined {
  if (!reader.has(OI_METADATA)) return undefined;
  const parsed = parseStructured(reader.attributes[OI_METADATA]);
  if (!isPlainObject(parsed)) return undefined;
  reader.consume(OI_METADATA);
  const properties: Record<string, unknown> = {};
  let count = 0;
  for (const [key, value] of Object.entries(parsed)) {
    if (count >= MAX_METADATA_KEYS) break;
    if (key === '' || value === undefined) continue;
    // Core's policy for hostile names (`__proto__`): kept, as an own property.
    setOwn(properties, key, value);
    count++;
  }
  return properties;
}

/** The prompt template behind an LLM call: template text and variables. */
export function readPromptTemplate(reader: AttributeReader): Record<string, unknown> | undefined {
  const template = reader.string(OI_LLM_PROMPT_TEMPLATE_TEMPLATE);
  const rawVariables = reader.raw(OI_LLM_PROMPT_TEMPLATE_VARIABLES);
  const variables = parseStructured(rawVariables) ?? rawVariables;
  if (template === undefined && (variables === undefined || variables === '')) return undefined;
  const state: Record<string, unknown> = {};
  if (template !== undefined) state.template = template;
  if (variables !== undefined && variables !== '') state.variables = variables;
  return state;
}

/** Session, user, metadata and tags: the OpenInference context attributes. */
export function readContext(reader: AttributeReader): PartialCall {
  const call: PartialCall = {};
  call.sessionId = reader.string(OI_SESSION_ID);
  call.distinctId = reader.string(OI_USER_ID);
  const properties = readMetadata(reader) ?? {};
  const tags = readTags(reader);
  if (tags) properties[TAGS_PROPERTY] = tags;
  if (Object.keys(properties).length) call.properties = properties;
  return call;
}
