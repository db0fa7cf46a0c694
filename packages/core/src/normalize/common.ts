import {
  ERROR_TYPE,
  EXCEPTION_EVENT,
  EXCEPTION_MESSAGE,
  EXCEPTION_TYPE,
  HTTP_RESPONSE_STATUS_CODE,
  HTTP_STATUS_CODE,
  POSTHOG_DISTINCT_ID,
  SERVER_ADDRESS,
  SERVER_PORT,
  SESSION_ID,
  USER_ID,
} from '../semconv/common';
import type { Normalizer, PartialCall, SpanRecord } from '../types';
import { AttributeReader } from '../util/read';

/** A leading HTTP error status in an error message (`429 Rate limit reached…`). */
function statusInMessage(message: string | undefined): number | undefined {
  const match = message ? /^(\d{3})\b/.exec(message) : null;
  const status = match ? Number(match[1]) : undefined;
  return status !== undefined && status >= 400 && status <= 599 ? status : undefined;
}

function baseUrl(reader: AttributeReader): string | undefined {
  const address = reader.string(SERVER_ADDRESS);
  if (!address) return undefined;
  const port = reader.number(SERVER_PORT);
  return port === undefined || port === 443 ? address : `${address}:${port}`;
}

/** `exception.type: exception.message` of the last exception event, else the status message. */
function errorMessage(span: SpanRecord): { message?: string; type?: string; rawMessage?: string } {
  for (let i = span.events.length - 1; i >= 0; i--) {
    const event = span.events[i]!;
    if (event.name !== EXCEPTION_EVENT) continue;
    const type = event.attributes[EXCEPTION_TYPE];
    const message = event.attributes[EXCEPTION_MESSAGE];
    const typeText = typeof type === 'string' && type ? type : undefined;
    const messageText = typeof message === 'string' && message ? message : undefined;
    if (typeText || messageText) {
      return {
        message:
          typeText && messageText ? `${typeText}: ${messageText}` : (messageText ?? typeText),
        type: typeText,
        rawMessage: messageText,
      };
    }
  }
  return span.status.message ? { message: span.status.message } : {};
}

/** Keys every instrumentation may set: errors, HTTP, server, identity. Runs after the others. */
export function normalizeCommon(span: SpanRecord): PartialCall {
  const reader = new AttributeReader(span.attributes);
  const call: PartialCall = {};
  call.httpStatus = reader.number(HTTP_RESPONSE_STATUS_CODE, HTTP_STATUS_CODE);
  call.baseUrl = baseUrl(reader);
  const errorType = reader.string(ERROR_TYPE);
  if (span.status.code === 'error') {
    const { message, type, rawMessage } = errorMessage(span);
    call.error = message ?? errorType ?? 'error';
    call.errorType = errorType ?? type;
    call.httpStatus ??= statusInMessage(span.status.message) ?? statusInMessage(rawMessage);
  } else if (errorType) {
    call.errorType = errorType;
  }
  // Identity keys are read by the event builder, which ranks them against framework keys.
  reader.consume(POSTHOG_DISTINCT_ID, USER_ID);
  call.sessionId = reader.string(SESSION_ID);
  call.consumedKeys = reader.consumed;
  return call;
}

export const commonNormalizer: Normalizer = {
  name: 'common',
  matches: () => true,
  normalize: normalizeCommon,
};
