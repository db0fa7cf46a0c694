/**
 * The numbers of the read API, from events sent the way PostHog documents manual capture
 * (the real posthog-node client): one definition of generations, embeddings, spans, errors,
 * tokens, cost, scores and users, the same in every endpoint.
 */
import { randomUUID } from 'node:crypto';
import { PostHog } from 'posthog-node';
import { describe, expect, it } from 'vitest';
import { read, testServer } from './helpers';

type Row = Record<string, unknown>;

async function sendManualCapture(url: string, token: string) {
  const client = new PostHog(token, { host: url, flushAt: 100, flushInterval: 0 });
  const traceId = randomUUID();
  const anonymousTrace = randomUUID();
  const pricedUuid = randomUUID();
  const user = 'user-42';
  const capture = (event: string, properties: Row, distinctId = user, uuid?: string) =>
    client.capture({ distinctId, event, properties, ...(uuid ? { uuid } : {}) });
  const base = { $ai_trace_id: traceId, 'service.name': 'support-bot' };
  capture('$ai_trace', { ...base, $ai_span_name: 'support-chat', $ai_latency: 3 });
  capture('$ai_span', {
    ...base,
    $ai_span_id: 'retrieve',
    $ai_parent_id: traceId,
    $ai_span_name: 'retrieve',
  });
  capture('$ai_embedding', {
    ...base,
    $ai_span_id: 'embed',
    $ai_parent_id: 'retrieve',
    $ai_model: 'text-embedding-3-small',
    $ai_provider: 'openai',
    $ai_input_tokens: 8,
  });
  // Caller-priced: the cost the application computed wins.
  capture(
    '$ai_generation',
    {
      ...base,
      $ai_span_id: 'answer',
      $ai_parent_id: traceId,
      $ai_model: 'gpt-4o-mini',
      $ai_provider: 'openai',
      $ai_input_tokens: 100,
      $ai_output_tokens: 20,
      $ai_input_cost_usd: 0.004,
      $ai_output_cost_usd: 0.006,
      $ai_total_cost_usd: 0.01,
    },
    user,
    pricedUuid,
  );
  // Anthropic's input count leaves the cache out: 20 fresh + 50 read + 100 written = 170.
  capture('$ai_generation', {
    ...base,
    $ai_span_id: 'cached',
    $ai_parent_id: traceId,
    $ai_model: 'claude-3-5-sonnet-20241022',
    $ai_provider: 'anthropic',
    $ai_input_tokens: 20,
    $ai_cache_read_input_tokens: 50,
    $ai_cache_creation_input_tokens: 100,
    $ai_output_tokens: 10,
    $ai_usage_estimated: true,
  });
  capture('$ai_generation', {
    ...base,
    $ai_span_id: 'unknown-model',
    $ai_parent_id: traceId,
    $ai_model: 'acme-private-1',
    $ai_provider: 'acme',
    $ai_input_tokens: 5,
    $ai_output_tokens: 5,
  });
  // A failed call inside a failed step: one failure, not two.
  capture('$ai_span', {
    ...base,
    $ai_span_id: 'step',
    $ai_parent_id: traceId,
    $ai_span_name: 'agent-step',
    $ai_is_error: true,
    $ai_error: 'RateLimitError: 429 Rate limit reached',
  });
  capture('$ai_generation', {
    ...base,
    $ai_span_id: 'failed',
    $ai_parent_id: 'step',
    $ai_model: 'gpt-4o-mini',
    $ai_provider: 'openai',
    $ai_is_error: true,
    $ai_http_status: 429,
    $ai_error: JSON.stringify({
      name: 'RateLimitError',
      message: '429 Rate limit reached',
      status: 429,
      stack: 'RateLimitError: 429 Rate limit reached\n    at call (app.js:1:1)',
    }),
  });
  capture('$ai_feedback', { $ai_trace_id: traceId, $ai_feedback_text: 'Great answer' });
  capture('$ai_metric', {
    $ai_trace_id: traceId,
    $ai_metric_name: 'rating',
    $ai_metric_value: '4',
  });
  capture('$ai_metric', {
    $ai_trace_id: traceId,
    $ai_metric_name: 'sentiment',
    $ai_metric_value: 'positive',
  });
  capture('$ai_evaluation', {
    $ai_trace_id: traceId,
    $ai_evaluation_name: 'relevance',
    $ai_evaluation_result: true,
    $ai_evaluation_reasoning: 'on topic',
    $ai_target_event_id: pricedUuid,
  });
  capture(
    '$ai_generation',
    {
      $ai_trace_id: anonymousTrace,
      $ai_model: 'gpt-4o-mini',
      $ai_provider: 'openai',
      $ai_input_tokens: 10,
      $ai_output_tokens: 2,
      $process_person_profile: false,
      'service.name': 'batch-job',
    },
    `anon-${anonymousTrace}`,
  );
  await client.shutdown();
  return { traceId, anonymousTrace, pricedUuid };
}

describe('read API numbers from posthog-node manual capture', () => {
  it('defines each number once across traces, generations, users, dashboard and errors', async () => {
    const server = await testServer();
    const sent = await sendManualCapture(server.url, server.projectToken);

    const traces = await read<{ results: Row[] }>(server, '/api/traces');
    const trace = traces.body.results.find((row) => row['trace_id'] === sent.traceId)!;
    // Scores are not spans: 1 trace + 2 spans + 1 embedding + 4 generations.
    expect(trace).toMatchObject({
      name: 'support-chat',
      service_name: 'support-bot',
      span_count: 8,
      generation_count: 4,
      embedding_count: 1,
      error_count: 1,
      input_tokens: 100 + 170 + 5 + 8,
      output_tokens: 20 + 10 + 5,
      cache_read_tokens: 50,
      cache_write_tokens: 100,
      estimated_usage_count: 1,
      total_cost_usd: null,
      unpriced_count: 1,
      score_count: 4,
      feedback_count: 1,
    });
    expect(trace['cost_errors']).toEqual([expect.stringContaining('acme-private-1')]);
    expect(trace['priced_cost_usd']).toBeGreaterThan(0.01);
    expect(trace['scores']).toEqual([
      { name: 'feedback', count: 1, average: null },
      { name: 'rating', count: 1, average: 4 },
      { name: 'relevance', count: 1, average: 1 },
      { name: 'sentiment', count: 1, average: null },
    ]);
    const ids = async (query: string) =>
      (await read<{ results: Row[] }>(server, `/api/traces?${query}`)).body.results.map(
        (row) => row['trace_id'],
      );
    expect(await ids('score_name=rating')).toEqual([sent.traceId]);
    expect(await ids('service=batch-job')).toEqual([sent.anonymousTrace]);
    expect(await ids('has_error=true')).toEqual([sent.traceId]);

    const detail = await read<{ events: Row[]; scores: Row[] }>(
      server,
      `/api/traces/${sent.traceId}`,
    );
    expect(detail.body.events.map((node) => node['event'])).toEqual(['$ai_trace']);
    const children = (detail.body.events[0]!['children'] as Row[]).map(
      (node) => (node['properties'] as Row)['$ai_span_id'],
    );
    expect(children.sort()).toEqual(['answer', 'cached', 'retrieve', 'step', 'unknown-model']);
    expect(detail.body.scores).toHaveLength(4);
    expect(detail.body.scores).toContainEqual(
      expect.objectContaining({
        event: '$ai_evaluation',
        name: 'relevance',
        value: 1,
        label: 'pass',
        text: 'on topic',
        target_event_id: sent.pricedUuid,
      }),
    );
    expect(detail.body.scores).toContainEqual(
      expect.objectContaining({
        event: '$ai_metric',
        name: 'sentiment',
        value: null,
        label: 'positive',
      }),
    );

    const generations = await read<{ results: Row[] }>(
      server,
      `/api/generations?trace_id=${sent.traceId}`,
    );
    expect(generations.body.results).toHaveLength(4);
    const byModel = (model: string) =>
      generations.body.results.find((row) => row['model'] === model)!;
    expect(byModel('claude-3-5-sonnet-20241022')).toMatchObject({
      input_tokens: 170,
      cache_read_input_tokens: 50,
      cache_write_input_tokens: 100,
      usage_estimated: true,
      service_name: 'support-bot',
    });
    expect(byModel('acme-private-1')).toMatchObject({
      total_cost_usd: null,
      cost_error: expect.stringContaining('acme-private-1'),
    });

    const users = await read<{ results: Row[] }>(server, '/api/users?anonymous=false');
    expect(users.body.results.map((row) => row['distinct_id'])).toEqual(['user-42']);
    expect(users.body.results[0]).toMatchObject({
      anonymous: false,
      generation_count: 4,
      error_count: 1,
    });
    const anonymous = await read<{ results: Row[] }>(server, '/api/users?anonymous=true');
    expect(anonymous.body.results).toEqual([
      expect.objectContaining({ distinct_id: `anon-${sent.anonymousTrace}`, anonymous: true }),
    ]);

    const dashboard = await read<Row>(server, '/api/dashboard');
    const totals = dashboard.body['totals'] as Row;
    expect(totals).toMatchObject({
      requests: 6,
      generations: 5,
      embeddings: 1,
      errors: 1,
      users: 1,
      anonymous_users: 1,
      traces: 2,
      total_cost_usd: null,
      unpriced_count: 1,
    });
    expect(dashboard.body['by_service']).toEqual(
      expect.arrayContaining([
        { service_name: 'support-bot', requests: 5 },
        { service_name: 'batch-job', requests: 1 },
      ]),
    );
    const scores = dashboard.body['scores'] as { feedback_count: number; metrics: Row[] };
    expect(scores.feedback_count).toBe(1);
    expect(scores.metrics.find((metric) => metric['name'] === 'rating')).toMatchObject({
      count: 1,
      average: 4,
    });
    expect(scores.metrics.find((metric) => metric['name'] === 'sentiment')).toMatchObject({
      labels: [{ label: 'positive', count: 1 }],
    });
    const perModel = await read<Row>(server, '/api/dashboard?model=gpt-4o-mini&provider=openai');
    expect(perModel.status).toBe(200);
    expect(perModel.body['totals']).toMatchObject({ requests: 3, errors: 1 });
    expect(perModel.body['scores']).toEqual({ feedback_count: 0, metrics: [] });
    const filtered = await read<Row>(server, '/api/dashboard?service=batch-job');
    expect(filtered.body['totals']).toMatchObject({ requests: 1, users: 0, anonymous_users: 1 });

    const errors = await read<{ results: Row[] }>(server, '/api/errors');
    expect(errors.body.results).toEqual([
      expect.objectContaining({
        error_type: 'RateLimitError',
        message: '429 Rate limit reached',
        model: 'gpt-4o-mini',
        count: 1,
        example_trace_id: sent.traceId,
      }),
    ]);

    const extent = await read<Row>(server, '/api/extent');
    expect(extent.body['last_seen']).toEqual(expect.any(String));
  });
});

describe('one failure is one error', () => {
  it('a demoted duplicate of a failed call ($ai_duplicate_of) is not a second error', async () => {
    const server = await testServer();
    const client = new PostHog(server.projectToken, {
      host: server.url,
      flushAt: 100,
      flushInterval: 0,
    });
    const traceId = randomUUID();
    const failed = { $ai_trace_id: traceId, $ai_is_error: true, $ai_error: '529 Overloaded' };
    client.capture({
      distinctId: 'dup-user',
      event: '$ai_generation',
      properties: {
        ...failed,
        $ai_span_id: 'sdk-call',
        $ai_model: 'claude-3-5-haiku-20241022',
        $ai_provider: 'anthropic',
      },
    });
    // The same call seen by a second instrumentation, demoted by the mapper.
    client.capture({
      distinctId: 'dup-user',
      event: '$ai_span',
      properties: { ...failed, $ai_span_id: 'instrumentation-call', $ai_duplicate_of: 'sdk-call' },
    });
    await client.shutdown();
    const traces = await read<{ results: Row[] }>(server, '/api/traces');
    expect(traces.body.results).toEqual([
      expect.objectContaining({ trace_id: traceId, span_count: 2, error_count: 1 }),
    ]);
    const errors = await read<{ results: Row[] }>(server, '/api/errors');
    expect(errors.body.results).toEqual([
      expect.objectContaining({ message: '529 Overloaded', count: 1 }),
    ]);
  });
});

describe('Generations filtered by a score', () => {
  it('keeps the generations an evaluation or metric of that name (and label) is about, by event or span', async () => {
    const server = await testServer();
    const client = new PostHog(server.projectToken, {
      host: server.url,
      flushAt: 100,
      flushInterval: 0,
    });
    const traceId = randomUUID();
    const otherTrace = randomUUID();
    const byEvent = randomUUID();
    const capture = (event: string, properties: Row, uuid?: string) =>
      client.capture({ distinctId: 'scored-user', event, properties, ...(uuid ? { uuid } : {}) });
    const call = (spanId: string, trace = traceId) => ({
      $ai_trace_id: trace,
      $ai_span_id: spanId,
      $ai_model: 'gpt-4o-mini',
      $ai_provider: 'openai',
      $ai_input_tokens: 10,
      $ai_output_tokens: 2,
    });
    capture('$ai_generation', call('by-event'), byEvent);
    capture('$ai_generation', call('by-span'));
    capture('$ai_generation', call('unscored'));
    // The same span id in another trace: a score names a span within its own trace.
    capture('$ai_generation', call('by-span', otherTrace));
    capture('$ai_evaluation', {
      $ai_trace_id: traceId,
      $ai_evaluation_name: 'relevance',
      $ai_evaluation_result: true,
      $ai_target_event_id: byEvent,
    });
    capture('$ai_evaluation', {
      $ai_trace_id: traceId,
      $ai_parent_id: 'by-span',
      $ai_evaluation_name: 'relevance',
      $ai_evaluation_result: false,
    });
    capture('$ai_metric', {
      $ai_trace_id: traceId,
      $ai_span_id: 'by-span',
      $ai_metric_name: 'tone',
      $ai_metric_value: 'friendly',
    });
    await client.shutdown();
    const spans = async (query: string) => {
      const { status, body } = await read<{ results: Row[] }>(server, `/api/generations?${query}`);
      expect(status).toBe(200);
      return body.results
        .map((row) => `${row['span_id']}@${row['trace_id'] === traceId ? 'a' : 'b'}`)
        .sort();
    };
    expect(await spans('')).toHaveLength(4);
    expect(await spans('score=relevance')).toEqual(['by-event@a', 'by-span@a']);
    expect(await spans('score=relevance&score_label=pass')).toEqual(['by-event@a']);
    expect(await spans('score=relevance&score_label=fail')).toEqual(['by-span@a']);
    expect(await spans('score=tone&score_label=friendly')).toEqual(['by-span@a']);
    expect(await spans('score=missing')).toEqual([]);
    const bad = await read<{ error: string }>(server, '/api/generations?score_label=pass');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('score_label needs score');
  });
});
