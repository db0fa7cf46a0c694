/** A stored generation as evaluators see it, and the texts they read from it. */
import { parseMaybeJson } from '@llm-analytics/core';
import { P } from '@llm-analytics/core/semconv';

export interface StoredGeneration {
  project: string;
  uuid: string;
  /** ISO 8601 start time. */
  timestamp: string;
  distinctId: string;
  traceId: string | null;
  spanId: string | null;
  sessionId: string | null;
  model: string | null;
  provider: string | null;
  serviceName: string | null;
  spanName: string | null;
  /** Seconds; null when unknown. */
  latency: number | null;
  /** USD; null when unpriced. */
  totalCostUsd: number | null;
  properties: Record<string, unknown>;
}

/** The text of a message's content: a string, or the text parts of a content list. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content
      .map((part) =>
        typeof part === 'string'
          ? part
          : part &&
              typeof part === 'object' &&
              typeof (part as { text?: unknown }).text === 'string'
            ? (part as { text: string }).text
            : '',
      )
      .filter((part) => part !== '')
      .join('\n');
  return '';
}

/** Messages (or a bare string) as plain text, one message per line. */
export function messagesText(value: unknown): string {
  const parsed = parseMaybeJson(value);
  if (typeof parsed === 'string') return parsed;
  if (!Array.isArray(parsed))
    return parsed === undefined || parsed === null ? '' : JSON.stringify(parsed);
  return parsed
    .map((message) => {
      if (typeof message === 'string') return message;
      if (!message || typeof message !== 'object') return '';
      const record = message as Record<string, unknown>;
      const text = contentText(record['content']);
      // A tool call has no text: its JSON is what a reader (or a judge) needs to see.
      if (text === '' && record['tool_calls'] !== undefined)
        return JSON.stringify(record['tool_calls']);
      return text;
    })
    .filter((line) => line !== '')
    .join('\n');
}

/** The generation's answer as text (what output checks look at). */
export function outputText(generation: StoredGeneration): string {
  return messagesText(generation.properties[P.outputChoices]);
}

/** The generation's prompt as text. */
export function inputText(generation: StoredGeneration): string {
  return messagesText(generation.properties[P.input]);
}
