// Real spans captured from the real libraries (the fixtures of core and vercel-ai), copied
// with fresh ids so a batch holds distinct traces, as production traffic does.
import { readFileSync } from 'node:fs';
import { joinLogsToSpans } from '@llm-analytics/core';
import { decodeLogs, decodeTraces } from '@llm-analytics/core/otlp';

const ROOT = new URL('../../../packages/', import.meta.url);
const read = (path) => readFileSync(new URL(path, ROOT), 'utf8');

/** The OpenAI instrumentation's `chat` span with its content log records joined. */
export function openAiChatSpans() {
  const spans = decodeTraces(read('core/test/fixtures/otel-openai/chat.traces.json'), 'json').spans;
  const logs = decodeLogs(read('core/test/fixtures/otel-openai/chat.logs.json'), 'json').logs;
  return joinLogsToSpans(spans, logs).spans;
}

/** The Vercel AI SDK 6 `tool-loop` trace: generateText, two doGenerate calls, a tool call. */
export function vercelToolLoopSpans() {
  return decodeTraces(read('vercel-ai/test/fixtures/v6/tool-loop.traces.json'), 'json').spans;
}

const hex = (value, length) => value.toString(16).padStart(length, '0').slice(-length);

/** `copies` copies of a trace, each with its own trace id and span ids (parents kept). */
export function replicateTrace(spans, copies) {
  const out = [];
  for (let copy = 0; copy < copies; copy++) {
    const traceId = `${hex(0xbe7c4 + copy, 16)}${hex(copy * 7919 + 1, 16)}`;
    const spanIds = new Map(
      spans.map((span, index) => [span.spanId, hex(copy * 64 + index + 1, 16)]),
    );
    for (const span of spans) {
      const spanId = spanIds.get(span.spanId);
      out.push({
        ...span,
        traceId,
        spanId,
        ...(span.parentSpanId
          ? { parentSpanId: spanIds.get(span.parentSpanId) ?? span.parentSpanId }
          : {}),
        logs: span.logs.map((log) => ({ ...log, traceId, spanId })),
      });
    }
  }
  return out;
}
