import { describe, expect, it } from 'vitest';
import { AI_SPAN_TABLE_VERSION } from '../semconv/filter-table';
import { isAISpan } from './is-ai-span';

describe('the shared AI-span filter', () => {
  it.each([
    ['OTel GenAI attributes', undefined, { 'gen_ai.operation.name': 'chat' }, 'chat'],
    [
      'Vercel AI SDK 6 attributes',
      'ai',
      { 'ai.operationId': 'ai.generateText' },
      'ai.generateText',
    ],
    [
      'OpenInference attributes',
      'x',
      { 'openinference.span.kind': 'LLM' },
      'OpenAI Chat Completions',
    ],
    ['OpenInference LLM attributes', 'x', { 'llm.model_name': 'gpt-4o' }, 'x'],
    ['Traceloop workflow attributes', 'x', { 'traceloop.span.kind': 'workflow' }, 'w.workflow'],
    ['MLflow attributes', 'x', { 'mlflow.spanType': 'LLM' }, 'x'],
    ['Pydantic AI attributes', 'x', { 'pydantic_ai.all_messages': '[]' }, 'x'],
    ['the OpenAI instrumentation scope alone', '@opentelemetry/instrumentation-openai', {}, 'x'],
    ['a Traceloop scope alone', '@traceloop/instrumentation-anthropic', {}, 'x'],
    ['an OpenInference scope alone', '@arizeai/openinference-instrumentation-openai', {}, 'x'],
    ['the Anthropic SDK scope alone', 'com.anthropic.sdk.typescript', {}, 'x'],
    ['the AI SDK 7 scope', 'gen_ai', {}, 'x'],
    ['an AI span name alone', 'x', {}, 'ai.streamText.doStream'],
  ])('keeps %s', (_label, scope, attributes, name) => {
    expect(isAISpan(scope, attributes, name)).toBe(true);
  });

  it.each([
    [
      'an HTTP server span',
      '@opentelemetry/instrumentation-http',
      { 'http.request.method': 'GET' },
      'GET /chat',
    ],
    ['a DB span', 'pg', { 'db.system.name': 'postgresql' }, 'SELECT'],
    ['a scope that merely contains "ai"', 'mail-sender', { 'mail.to': 'x' }, 'send'],
    ['a key that merely contains gen_ai', 'x', { 'my.gen_ai.flag': true }, 'x'],
    ['no attributes at all', undefined, undefined, undefined],
  ])('drops %s', (_label, scope, attributes, name) => {
    expect(isAISpan(scope, attributes, name)).toBe(false);
  });

  it('is versioned so clients and servers can report which table they use', () => {
    expect(AI_SPAN_TABLE_VERSION).toBeGreaterThanOrEqual(1);
  });
});
