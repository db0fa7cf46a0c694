import { convertMessages, type Message } from '@llm-analytics/core';
import { isPlainObject, parseMaybeJson } from '@llm-analytics/core';

function needsFix(part: unknown): part is Record<string, unknown> {
  if (!isPlainObject(part) || part.type !== 'blob') return false;
  const { modality, mime_type: mime } = part;
  return (
    typeof modality === 'string' && typeof mime === 'string' && !mime.startsWith(`${modality}/`)
  );
}

/**
 * AI SDK 7 labels every file part of `gen_ai.input.messages` with `modality: "image"`, a
 * PDF included. When a part's modality contradicts its MIME type, the MIME type wins (the
 * modality is dropped, so a PDF stays a file). `undefined` when nothing needs fixing: the
 * core's OTel GenAI normalizer then converts the messages as they are.
 */
export function inputMessagesWithFixedModality(value: unknown): Message[] | undefined {
  const parsed = parseMaybeJson(value);
  if (!Array.isArray(parsed)) return undefined;
  let fixed = false;
  const messages = parsed.map((message: unknown) => {
    if (!isPlainObject(message) || !Array.isArray(message.parts)) return message;
    if (!message.parts.some(needsFix)) return message;
    fixed = true;
    const parts = message.parts.map((part: unknown) => {
      if (!needsFix(part)) return part;
      const copy: Record<string, unknown> = { ...part };
      delete copy.modality;
      return copy;
    });
    return { ...message, parts };
  });
  return fixed ? convertMessages(messages) : undefined;
}
