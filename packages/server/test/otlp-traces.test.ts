import { ExportTraceServiceResponseType } from '@llm-analytics/core/otlp';
import { describe, expect, it } from 'vitest';
import { byUuid, expectedEvents, fixture, postTraces, readEvents, testServer } from './helpers';

const SCENARIOS = [
  'chat',
  'chat-stream',
  'tools-two-turns',
  'embeddings',
  'responses-reasoning',
  'error-429',
];

describe('POST /i/v0/ai/otel', () => {
  for (const format of ['pb', 'json'] as const) {
    it(`stores exactly what the core pipeline maps (${format})`, async () => {
      const server = await testServer();
      const expected = [];
      for (const scenario of SCENARIOS) {
        const response = await postTraces(server, fixture(`${scenario}.traces.${format}`), format);
        expect(response.status).toBe(200);
        expected.push(...expectedEvents(scenario, format, false));
      }
      const stored = await readEvents(server);
      expect(byUuid(stored)).toEqual(byUuid(expected));
    });
  }

  it('answers a protobuf request with an empty protobuf response when everything was stored', async () => {
    const server = await testServer();
    const response = await postTraces(server, fixture('chat.traces.pb'), 'pb');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-protobuf');
    expect((await response.arrayBuffer()).byteLength).toBe(0);
  });

  it('says how many non-AI spans were dropped, in protobuf and in JSON', async () => {
    const server = await testServer();
    const pb = await postTraces(server, fixture('mixed-http-db.traces.pb'), 'pb');
    const decoded = ExportTraceServiceResponseType.decode(
      new Uint8Array(await pb.arrayBuffer()),
    ) as unknown as {
      partialSuccess: { rejectedSpans: unknown; errorMessage: string };
    };
    expect(Number(decoded.partialSuccess.rejectedSpans)).toBe(0);
    expect(decoded.partialSuccess.errorMessage).toBe(
      '2 non-AI spans dropped (only AI spans are stored)',
    );

    const json = await postTraces(server, fixture('mixed-http-db.traces.json'), 'json');
    expect(json.headers.get('content-type')).toBe('application/json');
    expect(await json.json()).toEqual({
      partialSuccess: {
        rejectedSpans: '0',
        errorMessage: '2 non-AI spans dropped (only AI spans are stored)',
      },
    });
    const events = await readEvents(server);
    expect(events.map((event) => event.event)).toEqual(['$ai_generation']);
    // The generation's parent (the HTTP span) was dropped: it keeps its parent id.
    expect(events[0]!.properties['$ai_parent_id']).toBeTypeOf('string');
  });

  it('rejects a span with a bad id and stores the rest, naming the reason', async () => {
    const server = await testServer();
    const request = JSON.parse(fixture('tools-two-turns.traces.json').toString('utf8'));
    const spans = request.resourceSpans[0].scopeSpans.flatMap(
      (scope: { spans: unknown[] }) => scope.spans,
    );
    const badSpan = spans[0] as { spanId: string };
    // The OTel JSON exporter writes ids as hex.
    const originalId = badSpan.spanId;
    badSpan.spanId = 'not-hex';
    const response = await postTraces(server, JSON.stringify(request), 'json');
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      partialSuccess: { rejectedSpans: string; errorMessage: string };
    };
    expect(body.partialSuccess.rejectedSpans).toBe('1');
    expect(body.partialSuccess.errorMessage).toMatch(/^1 span rejected: span 0: .*spanId/);
    const expected = expectedEvents('tools-two-turns', 'json', false).filter(
      (event) => event.properties['$ai_span_id'] !== originalId,
    );
    expect(byUuid(await readEvents(server))).toEqual(byUuid(expected));
  });

  it('accepts gzip bodies', async () => {
    const server = await testServer();
    const response = await postTraces(server, fixture('chat.traces.pb'), 'pb', { gzip: true });
    expect(response.status).toBe(200);
    expect(await readEvents(server)).toHaveLength(1);
  });

  it('also accepts the path OTEL_EXPORTER_OTLP_ENDPOINT=<server>/i/v0/ai/otel produces', async () => {
    const server = await testServer();
    const response = await fetch(`${server.url}/i/v0/ai/otel/v1/traces`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.projectToken}`,
        'content-type': 'application/x-protobuf',
      },
      body: fixture('chat.traces.pb'),
    });
    expect(response.status).toBe(200);
    expect(await readEvents(server)).toHaveLength(1);
  });

  it('stores a re-sent request once (deterministic uuids)', async () => {
    const server = await testServer();
    for (let attempt = 0; attempt < 3; attempt++)
      expect((await postTraces(server, fixture('tools-two-turns.traces.pb'), 'pb')).status).toBe(
        200,
      );
    const events = await readEvents(server);
    expect(events.length).toBe(expectedEvents('tools-two-turns', 'pb', false).length);
  });
});
