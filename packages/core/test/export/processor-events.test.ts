import { SpanKind } from '@opentelemetry/api';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CHAT_ATTRIBUTES, setup } from './harness';

interface Batch {
  api_key: string;
  batch: Array<{
    event: string;
    distinct_id: string;
    uuid: string;
    timestamp: string;
    properties: Record<string, unknown>;
  }>;
}

describe('PostHogSpanProcessor, events transport', () => {
  it('sends a PostHog capture batch to {host}/batch/ with the mapped event', async () => {
    const { sink, processor, chat } = await setup({ compression: false });
    chat({ 'user.id': 'alice', tenant_id: 't-1' });
    await processor.forceFlush();
    expect(sink.requests).toHaveLength(1);
    const request = sink.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/batch/');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['content-encoding']).toBeUndefined();
    const body = request.json as Batch;
    expect(Object.keys(body)).toEqual(['api_key', 'batch']);
    expect(body.api_key).toBe('phc_test');
    expect(body.batch).toHaveLength(1);
    const event = body.batch[0]!;
    expect(Object.keys(event).sort()).toEqual([
      'distinct_id',
      'event',
      'properties',
      'timestamp',
      'uuid',
    ]);
    expect(event.event).toBe('$ai_generation');
    expect(event.distinct_id).toBe('alice');
    expect(event.properties).toMatchObject({
      $ai_model: 'gpt-4o-mini-2024-07-18',
      $ai_provider: 'openai',
      $ai_input_tokens: 12,
      $ai_output_tokens: 4,
      $ai_input: [{ role: 'user', content: 'Hi' }],
      $ai_output_choices: [{ role: 'assistant', content: 'Hello' }],
      $ai_lib: 'test-app',
      tenant_id: 't-1',
      'service.name': 'processor-test',
    });
  });

  it('drops non-AI spans at the door', async () => {
    const { sink, processor, tracer, chat } = await setup();
    tracer
      .startSpan('GET /', { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'GET' } })
      .end();
    tracer.startSpan('db').end();
    chat();
    await processor.forceFlush();
    const events = sink.requests.flatMap((r) => (r.json as Batch).batch);
    expect(events.map((e) => e.event)).toEqual(['$ai_generation']);
  });

  it('splits batches at 100 events and keeps their order', async () => {
    const { sink, processor, chat } = await setup({ flushIntervalMs: 60_000 });
    for (let i = 0; i < 250; i++) chat({ seq: i });
    await processor.forceFlush();
    const sizes = sink.requests.map((r) => (r.json as Batch).batch.length);
    expect(sizes).toEqual([100, 100, 50]);
    const seqs = sink.requests.flatMap((r) => (r.json as Batch).batch.map((e) => e.properties.seq));
    expect(seqs).toEqual([...Array(250).keys()]);
  });

  it('honours a smaller batch size', async () => {
    const { sink, processor, chat } = await setup({ maxBatchSize: 7, flushIntervalMs: 60_000 });
    for (let i = 0; i < 20; i++) chat();
    await processor.forceFlush();
    expect(sink.requests.map((r) => (r.json as Batch).batch.length)).toEqual([7, 7, 6]);
  });

  it('keeps every request under 4 MiB by splitting on size', async () => {
    const { sink, processor, chat } = await setup({ flushIntervalMs: 60_000, compression: false });
    // Ten 60 KB messages per span: under the per-string and per-event limits, 7 MB in all.
    const messages = Array.from({ length: 10 }, (_, i) => ({
      role: 'user',
      parts: [{ type: 'text', content: `${i} ${'x'.repeat(60 * 1024)}` }],
    }));
    for (let i = 0; i < 12; i++) chat({ 'gen_ai.input.messages': JSON.stringify(messages) });
    await processor.forceFlush();
    expect(sink.requests.length).toBeGreaterThan(1);
    for (const request of sink.requests)
      expect(request.rawBody.byteLength).toBeLessThan(4 * 1024 * 1024);
    expect(sink.requests.flatMap((r) => (r.json as Batch).batch)).toHaveLength(12);
  });

  it('truncates one oversized span with a marker instead of rejecting the batch', async () => {
    const { sink, processor, chat } = await setup({ flushIntervalMs: 60_000 });
    chat({
      'gen_ai.input.messages': JSON.stringify([
        { role: 'user', parts: [{ type: 'text', content: 'y'.repeat(5 * 1024 * 1024) }] },
      ]),
    });
    chat();
    await processor.forceFlush();
    const events = sink.requests.flatMap((r) => (r.json as Batch).batch);
    expect(events).toHaveLength(2);
    expect(events[0]!.properties.$ai_truncated).toEqual(['$ai_input']);
    expect(JSON.stringify(events[0]!.properties.$ai_input)).toContain('[truncated');
  });

  it('gzips bodies when that makes them smaller, and only then', async () => {
    const { sink, processor, chat } = await setup({ flushIntervalMs: 60_000 });
    for (let i = 0; i < 20; i++) chat();
    await processor.forceFlush();
    const request = sink.requests[0]!;
    expect(request.headers['content-encoding']).toBe('gzip');
    expect(request.rawBody.byteLength).toBeLessThan(request.body.byteLength);
    expect(JSON.parse(gunzipSync(request.rawBody).toString('utf8')).batch).toHaveLength(20);
  });

  it('gzips with the injected gzip function instead of CompressionStream', async () => {
    const calls: number[] = [];
    const { sink, processor, chat } = await setup({
      flushIntervalMs: 60_000,
      gzip: (data) => {
        calls.push(data.byteLength);
        return Promise.resolve(new Uint8Array(gzipSync(data, { level: 1 })));
      },
    });
    for (let i = 0; i < 20; i++) chat();
    await processor.forceFlush();
    const request = sink.requests[0]!;
    expect(calls).toEqual([request.body.byteLength]);
    expect(request.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(request.rawBody).toString('utf8')).batch).toHaveLength(20);
  });

  it('sends the plain body when the injected gzip function fails', async () => {
    const { sink, processor, chat } = await setup({
      flushIntervalMs: 60_000,
      gzip: () => Promise.reject(new Error('no zlib here')),
    });
    for (let i = 0; i < 20; i++) chat();
    await processor.forceFlush();
    const request = sink.requests[0]!;
    expect(request.headers['content-encoding']).toBeUndefined();
    expect((request.json as Batch).batch).toHaveLength(20);
  });

  it('applies distinctId and properties defaults, privacy mode and beforeSend', async () => {
    const { sink, processor, chat } = await setup({
      distinctId: 'default-user',
      properties: { app: 'demo', tenant_id: 'default' },
      privacyMode: true,
      beforeSend: (event) =>
        event.properties.drop
          ? null
          : { ...event, properties: { ...event.properties, edited: true } },
    });
    chat({ tenant_id: 'span-wins' });
    chat({ drop: true });
    await processor.forceFlush();
    const events = sink.requests.flatMap((r) => (r.json as Batch).batch);
    expect(events).toHaveLength(1);
    expect(events[0]!.distinct_id).toBe('default-user');
    expect(events[0]!.properties).toMatchObject({
      app: 'demo',
      tenant_id: 'span-wins',
      edited: true,
    });
    expect(events[0]!.properties.$ai_input).toBeUndefined();
    expect(events[0]!.properties.$ai_output_choices).toBeUndefined();
  });

  it('sends each span right away in immediate mode', async () => {
    const { sink, chat } = await setup({ exportMode: 'immediate', flushIntervalMs: 60_000 });
    chat();
    await sink.waitFor(1, 2000);
    chat();
    await sink.waitFor(2, 2000);
    expect(sink.requests.map((r) => (r.json as Batch).batch.length)).toEqual([1, 1]);
  });

  it('flushes on its interval without being asked', async () => {
    const { sink, chat } = await setup({ flushIntervalMs: 100 });
    chat();
    await sink.waitFor(1, 3000);
    expect((sink.requests[0]!.json as Batch).batch).toHaveLength(1);
  });

  it('waits for the trace so identity on the root reaches every event', async () => {
    const { sink, processor, tracer } = await setup({ traceWaitMs: 5_000, flushIntervalMs: 20 });
    const root = tracer.startSpan('invoke_agent', {
      attributes: { 'gen_ai.operation.name': 'invoke_agent', 'user.id': 'bob' },
    });
    const { context, trace } = await import('@opentelemetry/api');
    const ctx = trace.setSpan(context.active(), root);
    tracer.startSpan('chat gpt-4o-mini', { attributes: CHAT_ATTRIBUTES }, ctx).end();
    await new Promise((r) => setTimeout(r, 200));
    // The chat span ended, but its trace is still open: nothing is sent yet.
    expect(sink.requests).toHaveLength(0);
    root.end();
    await processor.forceFlush();
    const events = sink.requests.flatMap((r) => (r.json as Batch).batch);
    expect(events.map((e) => [e.event, e.distinct_id])).toEqual([
      ['$ai_generation', 'bob'],
      ['$ai_trace', 'bob'],
    ]);
  });
});
