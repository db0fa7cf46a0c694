import { describe, expect, it } from 'vitest';
import { openInferenceNormalizer } from '../src';
import { makeSpan, propertiesOf, toEvents } from './make-span';

const PARENT = { parentSpanId: 'aaaaaaaaaaaaaaaa' };

describe('OpenInference span kinds', () => {
  it('maps LLM to $ai_generation and EMBEDDING to $ai_embedding', () => {
    const [llm] = toEvents(makeSpan({ 'openinference.span.kind': 'LLM' }, PARENT));
    const [embedding] = toEvents(makeSpan({ 'openinference.span.kind': 'EMBEDDING' }, PARENT));
    expect(llm!.event).toBe('$ai_generation');
    expect(embedding!.event).toBe('$ai_embedding');
    // Root or not, model calls keep their event name.
    const [rootLlm] = toEvents(makeSpan({ 'openinference.span.kind': 'LLM' }));
    expect(rootLlm!.event).toBe('$ai_generation');
  });

  it.each([
    ['CHAIN', 'chain'],
    ['TOOL', 'tool'],
    ['AGENT', 'agent'],
    ['RETRIEVER', 'retriever'],
  ])('maps %s to a span of kind %s with input and output state', (spanKind, kind) => {
    const attributes = {
      'openinference.span.kind': spanKind,
      'input.value': '{"question":"why?"}',
      'input.mime_type': 'application/json',
      'output.value': 'because',
      'output.mime_type': 'text/plain',
    };
    const [child] = toEvents(makeSpan(attributes, PARENT));
    expect(child!.event).toBe('$ai_span');
    const p = child!.properties;
    expect(p.$ai_span_kind).toBe(kind);
    expect(p.$ai_input_state).toEqual({ question: 'why?' });
    expect(p.$ai_output_state).toBe('because');
    for (const key of ['input.value', 'output.value', 'input.mime_type', 'openinference.span.kind'])
      expect(p[key]).toBeUndefined();
    const [root] = toEvents(makeSpan(attributes));
    expect(root!.event).toBe('$ai_trace');
  });

  it.each(['RERANKER', 'GUARDRAIL', 'EVALUATOR', 'PROMPT'])(
    'maps %s to a plain span that keeps its OpenInference kind',
    (spanKind) => {
      const p = propertiesOf(
        { 'openinference.span.kind': spanKind, 'input.value': 'in', 'output.value': 'out' },
        PARENT,
      );
      expect(p.$ai_span_kind).toBe('span');
      expect(p['openinference.span.kind']).toBe(spanKind);
      expect(p.$ai_input_state).toBe('in');
      expect(p.$ai_output_state).toBe('out');
      expect(p.$ai_total_cost_usd).toBeUndefined();
    },
  );

  it('accepts a lower-case span kind', () => {
    const [event] = toEvents(makeSpan({ 'openinference.span.kind': 'llm' }));
    expect(event!.event).toBe('$ai_generation');
  });

  it('guesses the kind of OpenInference-scoped spans that carry none', () => {
    const [llm] = toEvents(makeSpan({ 'llm.model_name': 'gpt-4o-mini' }));
    const [embedding] = toEvents(makeSpan({ 'embedding.model_name': 'text-embedding-3-small' }));
    expect(llm!.event).toBe('$ai_generation');
    expect(embedding!.event).toBe('$ai_embedding');
  });

  it('claims spans by span kind or scope only, not Traceloop or OTel GenAI spans', () => {
    const otherScope = { scope: { name: '@traceloop/instrumentation-openai' } };
    expect(
      openInferenceNormalizer.matches(makeSpan({ 'llm.request.type': 'chat' }, otherScope)),
    ).toBe(false);
    expect(
      openInferenceNormalizer.matches(makeSpan({ 'gen_ai.operation.name': 'chat' }, otherScope)),
    ).toBe(false);
    expect(
      openInferenceNormalizer.matches(makeSpan({ 'openinference.span.kind': 'CHAIN' }, otherScope)),
    ).toBe(true);
    expect(openInferenceNormalizer.matches(makeSpan({}))).toBe(true);
  });

  it('parses input.value only when its mime type says JSON', () => {
    const json = propertiesOf({
      'openinference.span.kind': 'CHAIN',
      'input.value': '[1,2]',
      'input.mime_type': 'application/json; charset=utf-8',
      'output.value': '{"looks":"like json"}',
    });
    expect(json.$ai_input_state).toEqual([1, 2]);
    expect(json.$ai_output_state).toBe('{"looks":"like json"}');
    const broken = propertiesOf({
      'openinference.span.kind': 'CHAIN',
      'input.value': '{not json',
      'input.mime_type': 'application/json',
    });
    expect(broken.$ai_input_state).toBe('{not json');
  });

  it('takes structured (kvlist) input and output values as they are', () => {
    const p = propertiesOf({
      'openinference.span.kind': 'CHAIN',
      'input.value': { question: 'why?', retries: 2 },
      'output.value': ['a', 'b'],
    });
    expect(p.$ai_input_state).toEqual({ question: 'why?', retries: 2 });
    expect(p.$ai_output_state).toEqual(['a', 'b']);
  });

  it('names TOOL spans after the tool and records its definition', () => {
    const p = propertiesOf(
      {
        'openinference.span.kind': 'TOOL',
        'tool.name': 'search_docs',
        'tool.description': 'Search the docs',
        'tool.parameters': '{"type":"object","properties":{"query":{"type":"string"}}}',
        'tool.id': 'call_1',
        'input.value': '{"query":"pricing"}',
        'input.mime_type': 'application/json',
      },
      { name: 'execute', ...PARENT },
    );
    expect(p.$ai_span_name).toBe('search_docs');
    expect(p.$ai_tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'search_docs',
          description: 'Search the docs',
          parameters: { type: 'object', properties: { query: { type: 'string' } } },
        },
      },
    ]);
    expect(p.$ai_input_state).toEqual({ query: 'pricing' });
    expect(p['tool.name']).toBeUndefined();
    expect(p['tool.parameters']).toBeUndefined();
    // The call id has no $ai_* property: it travels under its own key.
    expect(p['tool.id']).toBe('call_1');
  });

  it('names AGENT spans after the agent', () => {
    const p = propertiesOf({ 'openinference.span.kind': 'AGENT', 'agent.name': 'planner' });
    expect(p.$ai_span_name).toBe('planner');
    expect(p.$ai_trace_name).toBe('planner');
    expect(p.$ai_agent_name).toBe('planner');
    expect(p['agent.name']).toBeUndefined();
  });

  it('RETRIEVER: documents become the output state and win over output.value', () => {
    const p = propertiesOf({
      'openinference.span.kind': 'RETRIEVER',
      'input.value': 'capital of France',
      'output.value': 'raw output',
      'retrieval.documents.0.document.id': 'd1',
      'retrieval.documents.0.document.content': 'Paris',
      'retrieval.documents.0.document.score': 0.9,
      'retrieval.documents.0.document.metadata': '{"page":3}',
      'retrieval.documents.1.document.content': 'Lyon',
    });
    expect(p.$ai_output_state).toEqual([
      { id: 'd1', content: 'Paris', score: 0.9, metadata: { page: 3 } },
      { content: 'Lyon' },
    ]);
    expect(p['output.value']).toBeUndefined();
    expect(Object.keys(p).filter((key) => key.startsWith('retrieval.'))).toEqual([]);
  });

  it('RERANKER: query and input documents in, ranked documents out, model and top_k', () => {
    const p = propertiesOf({
      'openinference.span.kind': 'RERANKER',
      'reranker.query': 'capital of France',
      'reranker.model_name': 'rerank-v3',
      'reranker.top_k': 1,
      'reranker.input_documents.0.document.content': 'Lyon',
      'reranker.input_documents.1.document.content': 'Paris',
      'reranker.output_documents.0.document.content': 'Paris',
      'reranker.output_documents.0.document.score': 0.99,
    });
    expect(p.$ai_input_state).toEqual({
      query: 'capital of France',
      documents: [{ content: 'Lyon' }, { content: 'Paris' }],
    });
    expect(p.$ai_output_state).toEqual([{ content: 'Paris', score: 0.99 }]);
    expect(p.$ai_model).toBe('rerank-v3');
    expect(p.$ai_model_parameters).toEqual({ top_k: 1 });
    expect(Object.keys(p).filter((key) => key.startsWith('reranker.'))).toEqual([]);
  });

  it('images given to a chain span are its input state when it has no input.value', () => {
    const p = propertiesOf({
      'openinference.span.kind': 'CHAIN',
      'input.images.0.image.url': 'https://example.com/a.png',
      'input.images.1.image.url': 'https://example.com/b.png',
    });
    expect(p.$ai_input_state).toEqual({
      images: ['https://example.com/a.png', 'https://example.com/b.png'],
    });
  });

  it('errors come from the exception event through the core common normalizer', () => {
    const [event] = toEvents(
      makeSpan(
        { 'openinference.span.kind': 'LLM', 'llm.model_name': 'gpt-4o-mini' },
        {
          status: { code: 'error', message: '500 boom' },
          events: [
            {
              name: 'exception',
              timeUnixNano: '1700000001000000000',
              attributes: {
                'exception.type': 'InternalServerError',
                'exception.message': '500 boom',
              },
            },
          ],
        },
      ),
    );
    const p = event!.properties;
    expect(p.$ai_is_error).toBe(true);
    expect(p.$ai_error).toBe('InternalServerError: 500 boom');
    expect(p.$ai_error_type).toBe('InternalServerError');
    expect(p.$ai_http_status).toBe(500);
  });
});
