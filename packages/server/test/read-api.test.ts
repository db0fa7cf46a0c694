import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../src';
import { post, postTraces, fixture, read, readEvents, testServer } from './helpers';

type Rows = {
  results: Array<Record<string, unknown>>;
  next_cursor?: string | null;
  next_offset?: number | null;
};

let counter = 0;
const uuid = () => `10000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

/** A trace: a root span and `generations` model calls under it, one minute apart per trace. */
function traceEvents(
  traceIndex: number,
  options: { user: string; session: string; error?: boolean; model?: string; text?: string },
) {
  const traceId = `trace-${String(traceIndex).padStart(3, '0')}`;
  const start = Date.UTC(2025, 0, 1, 10, traceIndex);
  const base = { $ai_trace_id: traceId, $ai_session_id: options.session };
  return [
    {
      event: '$ai_trace',
      distinct_id: options.user,
      uuid: uuid(),
      timestamp: new Date(start).toISOString(),
      properties: {
        ...base,
        $ai_span_id: `${traceId}-root`,
        $ai_span_name: `agent ${traceIndex}`,
        $ai_trace_name: `agent ${traceIndex}`,
        $ai_latency: 3,
      },
    },
    ...[0, 1].map((step) => ({
      event: '$ai_generation',
      distinct_id: options.user,
      uuid: uuid(),
      timestamp: new Date(start + 1000 * (step + 1)).toISOString(),
      properties: {
        ...base,
        $ai_span_id: `${traceId}-gen-${step}`,
        $ai_parent_id: `${traceId}-root`,
        $ai_span_name: 'chat',
        $ai_model: options.model ?? 'gpt-4o-mini',
        $ai_provider: 'openai',
        $ai_input_tokens: 100 * (traceIndex + 1),
        $ai_output_tokens: 10,
        $ai_latency: 0.5 + step,
        $ai_time_to_first_token: 0.1 * (step + 1),
        $ai_input: [{ role: 'user', content: options.text ?? `question ${traceIndex}` }],
        $ai_output_choices: [{ role: 'assistant', content: `answer ${traceIndex}.${step}` }],
        ...(options.error && step === 1
          ? { $ai_is_error: true, $ai_error: 'RateLimitError: slow down' }
          : {}),
      },
    })),
  ];
}

async function seed(server: RunningServer) {
  const batch = [
    ...traceEvents(0, { user: 'alice', session: 's-1' }),
    ...traceEvents(1, { user: 'alice', session: 's-1', error: true }),
    ...traceEvents(2, {
      user: 'bob',
      session: 's-2',
      model: 'gpt-4o',
      text: 'Tell me about 100% pure_honey',
    }),
    ...traceEvents(3, { user: 'bob', session: 's-3' }),
    ...traceEvents(4, { user: 'carol', session: 's-4' }),
  ];
  const response = await post(
    `${server.url}/batch/`,
    JSON.stringify({ api_key: server.projectToken, batch }),
    {
      contentType: 'application/json',
    },
  );
  expect(response.status).toBe(200);
}

describe('read API', () => {
  it('needs the read key: 401 without one, with a project token, with an unknown key', async () => {
    const server = await testServer();
    for (const path of [
      '/api/events',
      '/api/traces',
      '/api/traces/x',
      '/api/generations',
      '/api/sessions',
      '/api/users',
      '/api/dashboard',
    ]) {
      expect((await read(server, path, null)).status).toBe(401);
      const withToken = await read(server, path, server.projectToken);
      expect(withToken.status).toBe(401);
      expect(withToken.body).toEqual({
        error: expect.stringMatching(/project tokens can only write/),
      });
      expect((await read(server, path, 'phx_unknown')).status).toBe(401);
    }
  });

  it("never shows one project's data with another project's key", async () => {
    const projects = [
      { id: 'a', token: 'phc_project_a', readKey: 'phx_read_a' },
      { id: 'b', token: 'phc_project_b', readKey: 'phx_read_b' },
    ];
    const server = await testServer({ projects });
    const post = (token: string) =>
      fetch(`${server.url}/i/v0/ai/otel`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-protobuf' },
        body: fixture('chat.traces.pb'),
      });
    // The same spans sent to both projects: same uuids, stored once per project.
    expect((await post('phc_project_a')).status).toBe(200);
    expect((await post('phc_project_a')).status).toBe(200);
    expect(
      (
        await fetch(`${server.url}/batch/`, {
          method: 'POST',
          body: JSON.stringify({
            api_key: 'phc_project_b',
            batch: traceEvents(9, { user: 'zed', session: 'z' }),
          }),
        })
      ).status,
    ).toBe(200);
    const a = await read<Rows>(server, '/api/events', 'phx_read_a');
    const b = await read<Rows>(server, '/api/events', 'phx_read_b');
    expect(a.body.results).toHaveLength(1);
    expect(b.body.results).toHaveLength(3);
    expect(b.body.results.every((event) => event['distinct_id'] === 'zed')).toBe(true);
    const traceId = (a.body.results[0]!['properties'] as Record<string, string>)['$ai_trace_id'];
    expect((await read(server, `/api/traces/${traceId}`, 'phx_read_b')).status).toBe(404);
    expect((await read(server, `/api/traces/${traceId}`, 'phx_read_a')).status).toBe(200);
    expect(
      (await read<Rows>(server, '/api/users', 'phx_read_a')).body.results.map(
        (row) => row['distinct_id'],
      ),
    ).not.toContain('zed');
    expect(
      (await read<{ totals: { requests: number } }>(server, '/api/dashboard', 'phx_read_b')).body
        .totals.requests,
    ).toBe(2);
    // A token of project b does not read project a either.
    expect((await read(server, '/api/events', 'phc_project_b')).status).toBe(401);
  });

  it('events: filters by event and trace id, limit', async () => {
    const server = await testServer();
    await seed(server);
    expect(await readEvents(server, 'event=$ai_trace')).toHaveLength(5);
    const trace = await readEvents(server, 'trace_id=trace-002');
    expect(trace).toHaveLength(3);
    expect(Object.keys(trace[0]!).sort()).toEqual([
      'distinct_id',
      'event',
      'properties',
      'timestamp',
      'uuid',
    ]);
    expect(await readEvents(server, 'limit=2')).toHaveLength(2);
  });

  it('traces: summaries, filters and cursor pagination', async () => {
    const server = await testServer();
    await seed(server);
    const all = await read<Rows>(server, '/api/traces');
    expect(all.body.results.map((row) => row['trace_id'])).toEqual([
      'trace-004',
      'trace-003',
      'trace-002',
      'trace-001',
      'trace-000',
    ]);
    expect(all.body.results[3]).toEqual({
      trace_id: 'trace-001',
      name: 'agent 1',
      distinct_id: 'alice',
      session_id: 's-1',
      service_name: null,
      start_time: '2025-01-01T10:01:00.000Z',
      end_time: '2025-01-01T10:01:03.500Z',
      latency: 3.5,
      span_count: 3,
      generation_count: 2,
      embedding_count: 0,
      input_tokens: 400,
      output_tokens: 20,
      cache_read_tokens: 0,
      cache_write_tokens: 0,
      estimated_usage_count: 0,
      total_cost_usd: expect.any(Number),
      priced_cost_usd: expect.any(Number),
      unpriced_count: 0,
      cost_errors: [],
      error_count: 1,
      score_count: 0,
      feedback_count: 0,
      scores: [],
    });
    expect(all.body.next_cursor).toBeNull();

    const ids = async (query: string) =>
      (await read<Rows>(server, `/api/traces?${query}`)).body.results.map((row) => row['trace_id']);
    expect(await ids('distinct_id=alice')).toEqual(['trace-001', 'trace-000']);
    expect(await ids('session_id=s-2')).toEqual(['trace-002']);
    expect(await ids('has_error=true')).toEqual(['trace-001']);
    expect(await ids('has_error=false')).toHaveLength(4);
    expect(await ids('search=pure_honey')).toEqual(['trace-002']);
    expect(await ids('search=100%25')).toEqual(['trace-002']);
    expect(await ids('search=trace-003')).toEqual(['trace-003']);
    expect(await ids('from=2025-01-01T10:02:00Z&to=2025-01-01T10:04:00Z')).toEqual([
      'trace-003',
      'trace-002',
    ]);

    const seen: unknown[] = [];
    let cursor: string | null | undefined = undefined;
    do {
      const page: { status: number; body: Rows } = await read<Rows>(
        server,
        `/api/traces?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.results.map((row) => row['trace_id']));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(['trace-004', 'trace-003', 'trace-002', 'trace-001', 'trace-000']);
  });

  it('trace detail: the event tree', async () => {
    const server = await testServer();
    await seed(server);
    const { status, body } = await read<{
      trace: Record<string, unknown>;
      events: Array<Record<string, unknown> & { children: unknown[] }>;
    }>(server, '/api/traces/trace-001');
    expect(status).toBe(200);
    expect(body.trace['span_count']).toBe(3);
    expect(body.events).toHaveLength(1);
    expect(body.events[0]!['event']).toBe('$ai_trace');
    expect(
      body.events[0]!.children.map(
        (child) => (child as { properties: Record<string, unknown> }).properties['$ai_span_id'],
      ),
    ).toEqual(['trace-001-gen-0', 'trace-001-gen-1']);
    expect((await read(server, '/api/traces/nope')).status).toBe(404);
  });

  it('trace detail from OTLP: a generation whose parent was not an AI span sits at the top', async () => {
    const server = await testServer();
    await postTraces(server, fixture('mixed-http-db.traces.pb'), 'pb');
    const [event] = await readEvents(server);
    const traceId = event!.properties['$ai_trace_id'];
    const { body } = await read<{ events: Array<{ event: string; children: unknown[] }> }>(
      server,
      `/api/traces/${traceId}`,
    );
    expect(body.events.map((node) => node.event)).toEqual(['$ai_generation']);
  });

  it('generations: filters, text search, sorting, pagination', async () => {
    const server = await testServer();
    await seed(server);
    const rows = async (query: string) =>
      (await read<Rows>(server, `/api/generations?${query}`)).body;
    expect((await rows('')).results).toHaveLength(10);
    expect((await rows('model=gpt-4o')).results.map((row) => row['trace_id'])).toEqual([
      'trace-002',
      'trace-002',
    ]);
    expect((await rows('provider=anthropic')).results).toEqual([]);
    expect((await rows('distinct_id=carol')).results).toHaveLength(2);
    expect((await rows('session_id=s-1')).results).toHaveLength(4);
    const errors = (await rows('is_error=true')).results;
    expect(errors).toEqual([
      expect.objectContaining({
        trace_id: 'trace-001',
        is_error: true,
        error: 'RateLimitError: slow down',
      }),
    ]);
    expect((await rows('search=ANSWER 3.1')).results.map((row) => row['span_id'])).toEqual([
      'trace-003-gen-1',
    ]);
    expect((await rows('search=slow down')).results).toHaveLength(1);
    const byTokens = (await rows('sort=tokens&order=desc&limit=3')).results.map(
      (row) => row['input_tokens'],
    );
    expect(byTokens).toEqual([500, 500, 400]);
    const byLatency = (await rows('sort=latency&order=asc&limit=1')).results[0]!;
    expect(byLatency['latency']).toBe(0.5);
    const firstPage = await rows('limit=4');
    expect(firstPage.next_offset).toBe(4);
    const lastPage = await rows('limit=4&offset=8');
    expect(lastPage.results).toHaveLength(2);
    expect(lastPage.next_offset).toBeNull();
    expect(firstPage.results[0]).toEqual(
      expect.objectContaining({
        timestamp: '2025-01-01T10:04:02.000Z',
        time_to_first_token: 0.2,
        distinct_id: 'carol',
        model: 'gpt-4o-mini',
      }),
    );
  });

  it('sessions and users', async () => {
    const server = await testServer();
    await seed(server);
    const sessions = (await read<Rows>(server, '/api/sessions')).body.results;
    expect(sessions.map((row) => row['session_id'])).toEqual(['s-4', 's-3', 's-2', 's-1']);
    expect(sessions[3]).toEqual(
      expect.objectContaining({
        session_id: 's-1',
        distinct_id: 'alice',
        trace_count: 2,
        generation_count: 4,
        input_tokens: 600,
        error_count: 1,
      }),
    );
    expect((await read<Rows>(server, '/api/sessions?distinct_id=bob')).body.results).toHaveLength(
      2,
    );
    const users = (await read<Rows>(server, '/api/users')).body.results;
    expect(users.map((row) => row['distinct_id'])).toEqual(['carol', 'bob', 'alice']);
    expect(users[1]).toEqual(
      expect.objectContaining({
        distinct_id: 'bob',
        trace_count: 2,
        session_count: 2,
        generation_count: 4,
        input_tokens: 1400,
        output_tokens: 40,
      }),
    );
    expect(
      (await read<Rows>(server, '/api/users?search=AL')).body.results.map(
        (row) => row['distinct_id'],
      ),
    ).toEqual(['alice']);
  });

  it('dashboard: totals, percentiles, by model, by time bucket', async () => {
    const server = await testServer();
    await seed(server);
    const { body } = await read<{
      totals: Record<string, unknown>;
      by_model: Array<Record<string, unknown>>;
      by_time: Array<Record<string, unknown>>;
    }>(server, '/api/dashboard?bucket=minute');
    expect(body.totals).toEqual(
      expect.objectContaining({
        requests: 10,
        errors: 1,
        error_rate: 0.1,
        input_tokens: 3000,
        output_tokens: 100,
        traces: 5,
        users: 3,
        latency: { p50: 1, p95: 1.5, p99: 1.5 },
      }),
    );
    expect((body.totals['time_to_first_token'] as Record<string, number>)['p50']).toBeCloseTo(0.15);
    expect(body.by_model.map((row) => [row['model'], row['requests']])).toEqual([
      ['gpt-4o-mini', 8],
      ['gpt-4o', 2],
    ]);
    expect(body.by_time.map((row) => [row['bucket'], row['requests']])).toEqual(
      [0, 1, 2, 3, 4].map((minute) => [`2025-01-01T10:0${minute}:00.000Z`, 2]),
    );
    const filtered = await read<{ totals: { requests: number } }>(
      server,
      '/api/dashboard?model=gpt-4o',
    );
    expect(filtered.body.totals.requests).toBe(2);
  });

  it('400 for bad query parameters, naming them', async () => {
    const server = await testServer();
    const cases: Array<[string, RegExp]> = [
      ['/api/events?limit=abc', /"limit" must be a whole number/],
      ['/api/events?limit=0', /"limit" must be between 1 and 1000/],
      ['/api/events?limit=5000', /"limit" must be between/],
      ['/api/events?colour=red', /unknown query parameter "colour"/],
      ['/api/traces?from=yesterday', /"from" must be an ISO 8601 time/],
      ['/api/traces?from=2025-02-01&to=2025-01-01', /"from" must be before "to"/],
      ['/api/traces?has_error=maybe', /"has_error" must be true or false/],
      ['/api/traces?cursor=garbage', /"cursor" is not a cursor/],
      [
        '/api/generations?sort=price',
        /"sort" must be one of timestamp, latency, cost, tokens, ttft/,
      ],
      ['/api/generations?order=up', /"order" must be one of asc, desc/],
      ['/api/generations?offset=-1', /"offset" must be a whole number/],
      ['/api/dashboard?bucket=week', /"bucket" must be one of minute, hour, day/],
      [
        '/api/dashboard?bucket=minute&from=2020-01-01&to=2025-01-01',
        /more than 5000 minute buckets/,
      ],
      ['/api/events?limit=1&limit=2', /given more than once/],
    ];
    for (const [path, message] of cases) {
      const { status, body } = await read<{ error: string }>(server, path);
      expect([path, status]).toEqual([path, 400]);
      expect(body.error).toMatch(message);
    }
  });
});
