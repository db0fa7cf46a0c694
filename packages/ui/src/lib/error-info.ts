/**
 * `$ai_error` read for people: a plain message stays as it is; a structured error (an object,
 * or JSON text of one, as SDKs serialise caught errors) gives its type, message, status and
 * stack, so the stack can fold away instead of being shown as a raw blob.
 */
import { tryParseJson } from '@llm-analytics/core';

export interface ErrorInfo {
  type?: string;
  message: string;
  status?: string;
  stack?: string;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function readError(value: unknown): ErrorInfo | undefined {
  const object = asObject(typeof value === 'string' ? tryParseJson(value) : value);
  if (!object) {
    const message = text(value);
    return message === undefined ? undefined : { message };
  }
  const nested = asObject(object['error']);
  const info: ErrorInfo = {
    message:
      text(object['message']) ?? text(nested?.['message']) ?? JSON.stringify(object, null, 2),
  };
  const type = text(object['name']) ?? text(object['type']) ?? text(nested?.['type']);
  const status = text(object['status']) ?? text(object['statusCode']) ?? text(object['code']);
  const stack = text(object['stack']);
  if (type) info.type = type;
  if (status) info.status = status;
  if (stack) info.stack = stack;
  return info;
}

/** One line for a title or a table cell. */
export function errorSummary(value: unknown): string {
  const info = readError(value);
  if (!info) return '';
  return info.type && !info.message.startsWith(info.type)
    ? `${info.type}: ${info.message}`
    : info.message;
}
