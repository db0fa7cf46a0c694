import { setOwn, type AttributeReader, type AttributeValue } from '@llm-analytics/core';
import {
  TRACELOOP_ASSOCIATION_PROPERTIES,
  TRACELOOP_ASSOCIATION_SESSION_ID,
  TRACELOOP_ASSOCIATION_USER_ID,
} from '@llm-analytics/core/semconv';

/** Most association properties kept per span; the rest are consumed and dropped. */
export const MAX_ASSOCIATION_PROPERTIES = 128;

export interface AssociationContext {
  /** Every association property, prefix removed. */
  properties: Record<string, AttributeValue>;
  distinctId?: string;
  sessionId?: string;
}

function identity(value: AttributeValue | undefined): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * `traceloop.association.properties.<name>` (set by `withAssociationProperties` and the
 * decorators' `associationProperties`, copied onto every span started beneath them) → event
 * properties named `<name>`; `user_id` is the person and `session_id` the session.
 */
export function readAssociationProperties(reader: AttributeReader): AssociationContext | undefined {
  const prefix = `${TRACELOOP_ASSOCIATION_PROPERTIES}.`;
  const keys = reader.keysWithPrefix(prefix);
  if (!keys.length) return undefined;
  const properties: Record<string, AttributeValue> = {};
  let kept = 0;
  for (const key of keys) {
    reader.consume(key);
    const name = key.slice(prefix.length);
    if (name === '' || kept >= MAX_ASSOCIATION_PROPERTIES) continue;
    // Core's policy for hostile names (`__proto__`): kept, as an own property.
    setOwn(properties, name, reader.attributes[key]!);
    kept++;
  }
  const context: AssociationContext = { properties };
  const distinctId = identity(properties[TRACELOOP_ASSOCIATION_USER_ID]);
  const sessionId = identity(properties[TRACELOOP_ASSOCIATION_SESSION_ID]);
  if (distinctId) context.distinctId = distinctId;
  if (sessionId) context.sessionId = sessionId;
  return context;
}
