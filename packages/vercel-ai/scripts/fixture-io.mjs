// Shared by the AI SDK 6 and 7 capture scripts: an in-memory tracer setup, OTLP
// serialization of the finished spans (protobuf and JSON, the exporters' own serializers),
// and scripted model answers for the calls the mock server cannot answer by itself.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';

/** Write `<scenario>.traces.pb` and `<scenario>.traces.json` for the spans of one scenario. */
export async function writeScenario(outputDir, scenario, spans) {
  if (spans.length === 0) throw new Error(`scenario ${scenario} produced no spans`);
  const protobuf = ProtobufTraceSerializer.serializeRequest(spans);
  const json = JsonTraceSerializer.serializeRequest(spans);
  if (!protobuf || !json) throw new Error(`scenario ${scenario}: serialization failed`);
  await writeFile(join(outputDir, `${scenario}.traces.pb`), protobuf);
  await writeFile(join(outputDir, `${scenario}.traces.json`), json);
}

/** Empty the output folder of earlier captures (keeps the README). */
export async function resetOutputDir(outputDir) {
  await mkdir(outputDir, { recursive: true });
  for (const name of await readdir(outputDir)) {
    if (name.endsWith('.traces.pb') || name.endsWith('.traces.json')) {
      await rm(join(outputDir, name));
    }
  }
}

/**
 * The mock answers `Echo: …` to every chat request, which is not the JSON object that
 * generateObject / streamObject ask for (`response_format: json_schema`). These scripted
 * Chat Completions answers (non-streamed JSON and SSE) carry a fixed object and usage.
 */
export function scriptedObjectCompletion({ id, model, object, usage }) {
  return {
    status: 200,
    path: '/chat/completions',
    body: {
      id,
      object: 'chat.completion',
      created: 1_750_000_100,
      model,
      system_fingerprint: 'fp_mock',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: JSON.stringify(object), refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage,
    },
  };
}

export function scriptedObjectStream({ id, model, object, usage }) {
  const text = JSON.stringify(object);
  const base = { id, object: 'chat.completion.chunk', created: 1_750_000_200, model };
  const pieces = text.match(/.{1,12}/g) ?? [text];
  const chunks = [
    { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] },
    ...pieces.map((piece) => ({
      ...base,
      choices: [{ index: 0, delta: { content: piece }, finish_reason: null }],
    })),
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
    { ...base, choices: [], usage },
  ];
  const body = [...chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`), 'data: [DONE]\n\n'];
  return {
    status: 200,
    path: '/chat/completions',
    headers: { 'content-type': 'text/event-stream' },
    body: body.join(''),
  };
}

/** The object the scripted answers return, and its usage. */
export const WEATHER_OBJECT = { city: 'Paris', temperature: 21, conditions: 'sunny' };
export const WEATHER_OBJECT_USAGE = { prompt_tokens: 52, completion_tokens: 14, total_tokens: 66 };

/** A 1×1 transparent PNG, for the multimodal scenario (a Uint8Array, not a Buffer). */
export const TINY_PNG = new Uint8Array(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
    'base64',
  ),
);

/** A tiny PDF header, enough for the file part (the mock never reads it). */
export const TINY_PDF = new Uint8Array(Buffer.from('%PDF-1.4\n%mock\n'));
