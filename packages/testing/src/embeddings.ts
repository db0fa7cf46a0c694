import type { ServerResponse } from 'node:http';
import type { CreateEmbeddingResponse } from 'openai/resources/embeddings';
import { sendJson } from './http-utils';
import { asNumber, asString, type JsonRecord } from './json-utils';
import type { MockContext } from './mock-context';
import { countTextTokens } from './tokens';

/** `POST /v1/embeddings`: deterministic unit vectors, as floats or base64 float32. */
export function handleEmbeddings(
  context: MockContext,
  body: JsonRecord,
  response: ServerResponse,
): void {
  const inputs = embeddingInputs(body.input);
  const dimensions = asNumber(body.dimensions) ?? context.embeddingDimensions;
  const base64 = body.encoding_format === 'base64';
  const promptTokens = inputs.reduce((sum, input) => sum + input.tokens, 0);
  const result: CreateEmbeddingResponse = {
    object: 'list',
    data: inputs.map((input, index) => {
      const vector = mockEmbedding(input.key, dimensions);
      return {
        object: 'embedding',
        index,
        // The client asks for base64 by default and decodes it; the wire value is a string.
        embedding: base64 ? (encodeFloat32Base64(vector) as unknown as number[]) : vector,
      };
    }),
    model: asString(body.model) ?? 'text-embedding-3-small',
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
  sendJson(response, 200, result);
}

interface EmbeddingInput {
  key: string;
  tokens: number;
}

/** Accepts a string, a string array, a token array or an array of token arrays. */
function embeddingInputs(input: unknown): EmbeddingInput[] {
  if (typeof input === 'string') return [{ key: input, tokens: countTextTokens(input) }];
  if (!Array.isArray(input)) return [];
  if (input.every((item) => typeof item === 'number')) {
    return [{ key: JSON.stringify(input), tokens: input.length }];
  }
  return input.map((item) =>
    typeof item === 'string'
      ? { key: item, tokens: countTextTokens(item) }
      : { key: JSON.stringify(item), tokens: Array.isArray(item) ? item.length : 1 },
  );
}

/**
 * A unit vector seeded by the text. Values are rounded to float32 so the float and base64
 * encodings decode to the same numbers.
 */
export function mockEmbedding(text: string, dimensions: number): number[] {
  let state = fnv1a(text);
  const raw: number[] = [];
  for (let index = 0; index < dimensions; index += 1) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    raw.push(state / 0xffffffff - 0.5);
  }
  const norm = Math.hypot(...raw) || 1;
  return raw.map((value) => Math.fround(value / norm));
}

/** Base64 of the little-endian float32 bytes, the format OpenAI uses. */
export function encodeFloat32Base64(vector: number[]): string {
  const buffer = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => buffer.writeFloatLE(value, index * 4));
  return buffer.toString('base64');
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
