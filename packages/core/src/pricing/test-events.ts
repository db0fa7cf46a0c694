import { AI_GENERATION } from '../semconv/posthog';
import type { AiEvent, AiEventName } from '../types';

/** Builds a deeply frozen event, so a test fails if pricing mutates its input. (Test helper.) */
export function frozenEvent(
  properties: Record<string, unknown>,
  event: AiEventName = AI_GENERATION,
  timestamp = '2025-06-01T12:00:00.000Z',
): AiEvent {
  return Object.freeze({
    event,
    distinct_id: 'user-1',
    uuid: '00000000-0000-4000-8000-000000000000',
    timestamp,
    properties: Object.freeze({ ...properties }),
  });
}

/** The expected USD amount the way pricing rounds it (12 significant digits). */
export function usd(amount: number): number {
  return Number(amount.toPrecision(12));
}
