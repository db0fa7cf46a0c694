import { POSTHOG_DISTINCT_ID, USER_ID } from '../semconv/common';
import type { Attributes } from '../types';
import { deterministicUuid } from '../util/uuid';

function firstString(attributes: Attributes, ...keys: string[]): string | undefined {
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(attributes, key)) continue;
    const value = attributes[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return undefined;
}

/** Identity keys on the span itself; they outrank framework user keys. */
export function spanDistinctId(attributes: Attributes): string | undefined {
  return firstString(attributes, POSTHOG_DISTINCT_ID, USER_ID);
}

/** Identity keys on the resource; framework user keys outrank them. */
export function resourceDistinctId(resource: Attributes): string | undefined {
  return firstString(resource, POSTHOG_DISTINCT_ID, USER_ID);
}

/** A stable anonymous id: the session's when there is one, else the trace's. */
export function anonymousDistinctId(traceId: string, sessionId: string | undefined): string {
  return deterministicUuid(sessionId ? `session:${sessionId}` : `trace:${traceId}`);
}
