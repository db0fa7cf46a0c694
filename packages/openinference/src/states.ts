import { groupIndexed, type AttributeReader } from '@llm-analytics/core';
import {
  OI_DOCUMENT_CONTENT,
  OI_DOCUMENT_ID,
  OI_DOCUMENT_METADATA,
  OI_DOCUMENT_SCORE,
  OI_IMAGE_URL,
  OI_INPUT_IMAGES,
  OI_INPUT_MIME_TYPE,
  OI_INPUT_VALUE,
  OI_OUTPUT_IMAGES,
  OI_OUTPUT_MIME_TYPE,
  OI_OUTPUT_VALUE,
  OiMimeType,
} from '@llm-analytics/core/semconv';
import { parseJsonValue } from '@llm-analytics/core';
import { parseStructured } from './json';

/**
 * `input.value` / `output.value` of any span: parsed when the mime type says JSON (a JSON
 * string that fails to parse stays a string), kept as is otherwise; structured values from
 * OTLP kvlists are taken as they are.
 */
function readValue(reader: AttributeReader, valueKey: string, mimeKey: string): unknown {
  const mime = reader.string(mimeKey);
  const value = reader.raw(valueKey);
  if (typeof value !== 'string') return value ?? undefined;
  if (mime?.toLowerCase().startsWith(OiMimeType.json)) return parseJsonValue(value) ?? value;
  return value;
}

export const readInputValue = (reader: AttributeReader) =>
  readValue(reader, OI_INPUT_VALUE, OI_INPUT_MIME_TYPE);
export const readOutputValue = (reader: AttributeReader) =>
  readValue(reader, OI_OUTPUT_VALUE, OI_OUTPUT_MIME_TYPE);

/** `input.images.{i}.image.url` / `output.images.{i}.image.url` → URLs. */
function readImages(reader: AttributeReader, prefix: string): string[] | undefined {
  const urls: string[] = [];
  for (const { fields } of groupIndexed(reader, prefix)) {
    const url = fields.get(OI_IMAGE_URL);
    if (typeof url === 'string' && url !== '') urls.push(url);
  }
  return urls.length ? urls : undefined;
}

export const readInputImages = (reader: AttributeReader) => readImages(reader, OI_INPUT_IMAGES);
export const readOutputImages = (reader: AttributeReader) => readImages(reader, OI_OUTPUT_IMAGES);

/** `<prefix>.{i}.document.{id,content,score,metadata}` → documents, metadata parsed. */
export function readDocuments(
  reader: AttributeReader,
  prefix: string,
): Array<Record<string, unknown>> | undefined {
  const documents: Array<Record<string, unknown>> = [];
  for (const { fields } of groupIndexed(reader, prefix)) {
    const document: Record<string, unknown> = {};
    const id = fields.get(OI_DOCUMENT_ID);
    const content = fields.get(OI_DOCUMENT_CONTENT);
    const score = fields.get(OI_DOCUMENT_SCORE);
    const metadata = fields.get(OI_DOCUMENT_METADATA);
    if (id !== undefined) document.id = id;
    if (content !== undefined) document.content = content;
    if (score !== undefined) document.score = score;
    if (metadata !== undefined) {
      document.metadata =
        typeof metadata === 'string' ? (parseStructured(metadata) ?? metadata) : metadata;
    }
    if (Object.keys(document).length) documents.push(document);
  }
  return documents.length ? documents : undefined;
}
