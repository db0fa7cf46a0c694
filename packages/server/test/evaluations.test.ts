import {
  MOCK_JUDGE_ANSWER_PREFIX,
  startMockOpenAI,
  type MockOpenAIServer,
} from '@llm-analytics/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer, ServerOptions } from '../src';
import { post, read, readEvents, testServer, testStoreUrl } from './helpers';

let mock: MockOpenAIServer | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

const uuid = (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;

/** A generation as PostHog's capture API takes it; `answer` is the model's output text. */
const generation = (index: number, answer: string, extra: Record<string, unknown> = {}) => ({
  event: '$ai_generation',
  distinct_id: 'user-1',
  uuid: uuid(index),
  timestamp: new Date(Date.now() - 1000).toISOString(),
  properties: {
    $ai_trace_id: `trace-${index}`,
    $ai_span_id: `span-${index}`,
    $ai_model: 'gpt-4o-mini',
    $ai_provider: 'openai',
    $ai_input_tokens: 100,
    $ai_output_tokens: 20,
    $ai_latency: 1.5,
    $ai_input: [{ role: 'user', content: `Question ${index}` }],
    $ai_output_choices: [{ role: 'assistant', content: answer }],
    ...extra,
  },
});

async function capture(server: RunningServer, events: unknown[]): Promise<void> {
  const response = await post(
    `${server.url}/batch/`,
    JSON.stringify({ api_key: server.projectToken, batch: events }),
  );
  expect(response.status).toBe(200);
}

async function api(server: RunningServer, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.readKey}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const judge = (result: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  name: 'helpful',
  evaluator: {
    kind: 'llm_judge',
    model: 'gpt-4o-mini',
    prompt: 'Is this answer helpful?\nQuestion: {{input}}\nAnswer: {{output}}',
    result,
  },
  ...extra,
});

/** A server whose worker only runs when the test drains it. */
async function evaluationServer(
  options: ServerOptions = {},
  judgeOptions: Record<string, unknown> = {},
) {
  mock ??= await startMockOpenAI();
  return testServer({
    evaluations: {
      pollIntervalMs: 3_600_000,
      judge: { baseUrl: mock.url, apiKey: 'sk-test' },
      judgeClient: { backoffMs: 10 },
      ...judgeOptions,
    },
    ...options,
  });
}

const evaluationsOf = (events: Array<{ event: string; properties: Record<string, unknown> }>) =>
  events.filter((event) => event.event === '$ai_evaluation');
const judgeCalls = () =>
  mock!.requests.filter((request) => request.path.endsWith('/chat/completions'));

describe('evaluators API', () => {
  it('creates, lists, replaces and deletes evaluators behind the read key, with clear errors', async () => {
    const server = await evaluationServer();
    const created = await api(server, 'POST', '/api/evaluators', judge({ type: 'boolean' }));
    expect(created.status).toBe(201);
    const id = String(created.body['id']);
    expect(created.body).toMatchObject({ name: 'helpful', enabled: true, samplingRate: 1 });

    const anonymous = await fetch(`${server.url}/api/evaluators`);
    expect(anonymous.status).toBe(401);
    const asWriter = await fetch(`${server.url}/api/evaluators`, {
      headers: { authorization: `Bearer ${server.projectToken}` },
    });
    expect(asWriter.status).toBe(401);

    const bad = await api(
      server,
      'POST',
      '/api/evaluators',
      judge({ type: 'number', min: 5, max: 1 }),
    );
    expect(bad).toMatchObject({
      status: 400,
      body: { error: 'evaluator evaluator.result needs min below max' },
    });
    const badRegex = await api(server, 'POST', '/api/evaluators', {
      name: 'r',
      evaluator: { kind: 'code', check: { check: 'regex', pattern: '(' } },
    });
    expect(badRegex.status).toBe(400);
    expect(String(badRegex.body['error'])).toContain(
      'evaluator.check.pattern is not a valid regular expression',
    );
    expect(
      (
        await api(server, 'POST', '/api/evaluators', {
          name: 'x',
          samplingRate: 2,
          evaluator: { kind: 'code', check: { check: 'json_valid' } },
        })
      ).body,
    ).toEqual({
      error: 'evaluator samplingRate must be between 0 and 1',
    });

    const replaced = await api(
      server,
      'PUT',
      `/api/evaluators/${id}`,
      judge({ type: 'boolean' }, { name: 'renamed', enabled: false }),
    );
    expect(replaced).toMatchObject({ status: 200, body: { id, name: 'renamed', enabled: false } });
    const listed = await api(server, 'GET', '/api/evaluators');
    expect(
      (listed.body['results'] as Array<Record<string, unknown>>).map((item) => item['name']),
    ).toEqual(['renamed']);
    expect((await api(server, 'DELETE', `/api/evaluators/${id}`)).status).toBe(200);
    expect((await api(server, 'GET', `/api/evaluators/${id}`)).status).toBe(404);
  });
});

describe('evaluation worker', () => {
  it('a judge and a code check write $ai_evaluation events in PostHog shape, shown as trace scores, with the judge call priced', async () => {
    const server = await evaluationServer();
    await api(server, 'POST', '/api/evaluators', judge({ type: 'boolean' }));
    await api(server, 'POST', '/api/evaluators', {
      name: 'is-json',
      evaluator: { kind: 'code', check: { check: 'json_valid' } },
    });
    await capture(server, [
      generation(
        1,
        `{"city": "Paris"} ${MOCK_JUDGE_ANSWER_PREFIX} {"reasoning":"names a city","applicable":true,"verdict":true}`,
      ),
      generation(
        2,
        `not json ${MOCK_JUDGE_ANSWER_PREFIX} {"reasoning":"vague","applicable":true,"verdict":false}`,
      ),
    ]);
    await server.evaluationWorker!.drain();

    const events = await readEvents(server);
    const evaluations = evaluationsOf(events);
    expect(evaluations).toHaveLength(4);
    const helpful = evaluations.find(
      (event) =>
        event.properties['$ai_evaluation_name'] === 'helpful' &&
        event.properties['$ai_target_event_id'] === uuid(1),
    )!;
    expect(helpful.properties).toMatchObject({
      $ai_evaluation_result: true,
      $ai_evaluation_result_type: 'boolean',
      $ai_evaluation_applicable: true,
      $ai_evaluation_reasoning: 'names a city',
      $ai_evaluation_type: 'online',
      $ai_evaluation_model: 'gpt-4o-mini',
      $ai_target_event_type: '$ai_generation',
      $ai_trace_id: 'trace-1',
    });
    expect(helpful.properties['$ai_total_cost_usd']).toBeGreaterThan(0);
    const isJson = evaluations.filter(
      (event) => event.properties['$ai_evaluation_name'] === 'is-json',
    );
    // Generation 1's output is not pure JSON either (the judge directive follows it).
    expect(isJson.every((event) => event.properties['$ai_evaluation_result'] === false)).toBe(true);

    const judgeGenerations = events.filter(
      (event) =>
        event.event === '$ai_generation' &&
        event.properties['service.name'] === 'llm-analytics-evaluations',
    );
    expect(judgeGenerations).toHaveLength(2);
    expect(
      judgeGenerations.every((event) => Number(event.properties['$ai_total_cost_usd']) > 0),
    ).toBe(true);
    const request = judgeCalls()[0]!.body as {
      response_format: { type: string; json_schema: { schema: { required: string[] } } };
    };
    expect(request.response_format.type).toBe('json_schema');
    expect(request.response_format.json_schema.schema.required).toEqual([
      'reasoning',
      'applicable',
      'verdict',
    ]);

    const trace = await read<{ scores: Array<{ name: string; label: string | null }> }>(
      server,
      '/api/traces/trace-2',
    );
    expect(trace.body.scores.map((score) => `${score.name}:${score.label}`).sort()).toEqual([
      'helpful:fail',
      'is-json:fail',
    ]);

    // The generation list's column: results by generation uuid.
    const column = await read<{
      results: Array<{ event_uuid: string; name: string; label: string }>;
    }>(server, `/api/evaluations?event_uuid=${uuid(1)},${uuid(2)}`);
    expect(
      column.body.results.map((item) => `${item.event_uuid}:${item.name}:${item.label}`).sort(),
    ).toEqual([
      `${uuid(1)}:helpful:pass`,
      `${uuid(1)}:is-json:fail`,
      `${uuid(2)}:helpful:fail`,
      `${uuid(2)}:is-json:fail`,
    ]);

    // Running again changes nothing: one result per evaluator and generation.
    await server.evaluationWorker!.drain();
    expect(evaluationsOf(await readEvents(server))).toHaveLength(4);
    expect(judgeCalls()).toHaveLength(2);
  });

  it('filters and sampling decide which generations are judged; the judge calls are never judged', async () => {
    const server = await evaluationServer();
    await api(
      server,
      'POST',
      '/api/evaluators',
      judge({ type: 'boolean' }, { filters: { models: ['gpt-4o'] } }),
    );
    await api(server, 'POST', '/api/evaluators', {
      name: 'none',
      samplingRate: 0,
      evaluator: { kind: 'code', check: { check: 'length', max: 5 } },
    });
    await api(server, 'POST', '/api/evaluators', {
      name: 'tagged',
      filters: { property: { key: 'feature', equals: 'chat' } },
      evaluator: { kind: 'code', check: { check: 'contains', text: 'paris' } },
    });
    await capture(server, [
      generation(1, 'Paris', { $ai_model: 'gpt-4o', feature: 'chat' }),
      generation(2, 'Paris'),
    ]);
    await server.evaluationWorker!.drain();
    const evaluations = evaluationsOf(await readEvents(server));
    expect(
      evaluations
        .map(
          (event) =>
            `${event.properties['$ai_evaluation_name']}:${event.properties['$ai_target_event_id']}`,
        )
        .sort(),
    ).toEqual([`helpful:${uuid(1)}`, `tagged:${uuid(1)}`]);
    expect(judgeCalls()).toHaveLength(1);
    const listed = await api(server, 'GET', '/api/evaluators');
    const queues = (
      listed.body['results'] as Array<{ name: string; queue: Record<string, number> }>
    ).map((item) => [item.name, item.queue['done'], item.queue['skipped']]);
    // The judge's own generation was stored too: it is not a candidate (2 skipped, not 3).
    expect(queues).toEqual([
      ['helpful', 1, 1],
      ['none', 0, 2],
      ['tagged', 1, 1],
    ]);
  });

  it('numbers in range, categories, and invalid judge output (a failure, with the call still recorded)', async () => {
    const server = await evaluationServer();
    await api(
      server,
      'POST',
      '/api/evaluators',
      judge(
        { type: 'number', min: 1, max: 5, passThreshold: 3 },
        { name: 'score', filters: { spanNames: ['num'] } },
      ),
    );
    await api(
      server,
      'POST',
      '/api/evaluators',
      judge(
        { type: 'category', categories: ['good', 'bad'], passing: ['good'] },
        { name: 'tone', filters: { spanNames: ['cat'] } },
      ),
    );
    await capture(server, [
      generation(1, `${MOCK_JUDGE_ANSWER_PREFIX} {"reasoning":"ok","applicable":true,"score":4}`, {
        $ai_span_name: 'num',
      }),
      generation(
        2,
        `${MOCK_JUDGE_ANSWER_PREFIX} {"reasoning":"too high","applicable":true,"score":9}`,
        { $ai_span_name: 'num' },
      ),
      generation(
        3,
        `${MOCK_JUDGE_ANSWER_PREFIX} {"reasoning":"kind","applicable":true,"category":"good"}`,
        { $ai_span_name: 'cat' },
      ),
      generation(4, `${MOCK_JUDGE_ANSWER_PREFIX} this is not json`, { $ai_span_name: 'cat' }),
    ]);
    await server.evaluationWorker!.drain();
    const events = await readEvents(server);
    const byTarget = Object.fromEntries(
      evaluationsOf(events).map((event) => [
        event.properties['$ai_target_event_id'],
        event.properties,
      ]),
    );
    expect(byTarget[uuid(1)]).toMatchObject({
      $ai_evaluation_numeric_result: 4,
      $ai_evaluation_result: true,
      $ai_evaluation_numeric_result_min: 1,
      $ai_evaluation_numeric_result_max: 5,
      $ai_evaluation_result_type: 'numeric',
    });
    expect(byTarget[uuid(3)]).toMatchObject({
      $ai_evaluation_categorical_result: ['good'],
      $ai_evaluation_result: true,
      $ai_evaluation_result_type: 'categorical',
    });
    expect(byTarget[uuid(2)]).toBeUndefined();
    expect(byTarget[uuid(4)]).toBeUndefined();
    const judgeGenerations = events.filter(
      (event) => event.properties['service.name'] === 'llm-analytics-evaluations',
    );
    expect(judgeGenerations).toHaveLength(4);
    const evaluators = (await api(server, 'GET', '/api/evaluators')).body['results'] as Array<{
      id: string;
      name: string;
    }>;
    const tone = await api(
      server,
      'GET',
      `/api/evaluators/${evaluators.find((item) => item.name === 'tone')!.id}`,
    );
    const failed = (
      tone.body['jobs'] as Array<{ state: string; detail: string; eventUuid: string }>
    ).find((job) => job.eventUuid === uuid(4))!;
    expect(failed.state).toBe('failed');
    expect(failed.detail).toContain('not JSON');
    const score = await api(
      server,
      'GET',
      `/api/evaluators/${evaluators.find((item) => item.name === 'score')!.id}`,
    );
    expect(
      (score.body['jobs'] as Array<{ eventUuid: string; detail: string }>).find(
        (job) => job.eventUuid === uuid(2),
      )!.detail,
    ).toContain('outside 1..5');
  });

  it('a backlog larger than one round is queued over several rounds, none left out', async () => {
    const server = await evaluationServer({}, { enqueueBatch: 2, concurrency: 2 });
    await api(server, 'POST', '/api/evaluators', {
      name: 'short',
      evaluator: { kind: 'code', check: { check: 'length', max: 10 } },
    });
    await capture(
      server,
      [1, 2, 3, 4, 5].map((index) => generation(index, 'fine')),
    );
    await server.evaluationWorker!.drain();
    await capture(server, [generation(6, 'arrives later')]);
    await server.evaluationWorker!.drain();
    const evaluations = evaluationsOf(await readEvents(server));
    expect(evaluations.map((event) => event.properties['$ai_target_event_id']).sort()).toEqual(
      [1, 2, 3, 4, 5, 6].map(uuid),
    );
    const late = evaluations.find((event) => event.properties['$ai_target_event_id'] === uuid(6));
    expect(late!.properties['$ai_evaluation_result']).toBe(false);
  });

  it('retries a 429 after its Retry-After, then records the result', async () => {
    const server = await evaluationServer();
    await api(server, 'POST', '/api/evaluators', judge({ type: 'boolean' }));
    mock!.inject({ status: 429, retryAfter: 1, path: '/chat/completions' });
    await capture(server, [generation(1, 'fine')]);
    const started = Date.now();
    await server.evaluationWorker!.drain();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(judgeCalls()).toHaveLength(2);
    expect(evaluationsOf(await readEvents(server))).toHaveLength(1);
  });

  it('stops calling the judge once the hourly budget is spent, and keeps the rest queued', async () => {
    const server = await evaluationServer({}, { budget: { maxCallsPerHour: 2 }, concurrency: 4 });
    const created = await api(server, 'POST', '/api/evaluators', judge({ type: 'boolean' }));
    await capture(
      server,
      [1, 2, 3, 4, 5].map((index) => generation(index, 'fine')),
    );
    await server.evaluationWorker!.drain(5);
    expect(judgeCalls()).toHaveLength(2);
    expect(evaluationsOf(await readEvents(server))).toHaveLength(2);
    const detail = await api(server, 'GET', `/api/evaluators/${String(created.body['id'])}`);
    expect(detail.body['queue']).toMatchObject({ done: 2, pending: 3 });
    const jobs = detail.body['jobs'] as Array<{ state: string; detail: string }>;
    expect(
      jobs
        .filter((job) => job.state === 'pending')
        .every((job) => job.detail.startsWith('judge budget reached')),
    ).toBe(true);
  });

  it('a restart in the middle of a backlog loses no evaluation and runs none twice', async () => {
    mock = await startMockOpenAI({ responseDelayMs: 50 });
    const storeUrl = testStoreUrl();
    const first = await evaluationServer({ storeUrl }, { concurrency: 1 });
    await api(first, 'POST', '/api/evaluators', judge({ type: 'boolean' }));
    await capture(
      first,
      [1, 2, 3, 4].map((index) => generation(index, 'fine')),
    );
    // One round with one slot: one judge call made, three generations still queued.
    await first.evaluationWorker!.tick();
    await first.close();
    expect(judgeCalls()).toHaveLength(1);

    const second = await evaluationServer({ storeUrl }, { concurrency: 2 });
    await second.evaluationWorker!.drain();
    const results = evaluationsOf(await readEvents(second));
    expect(results.map((event) => event.properties['$ai_target_event_id']).sort()).toEqual(
      [1, 2, 3, 4].map(uuid),
    );
    expect(judgeCalls()).toHaveLength(4);
  });

  it('a job whose worker died after writing its result is finished without calling the judge again', async () => {
    const server = await evaluationServer();
    await api(server, 'POST', '/api/evaluators', judge({ type: 'boolean' }));
    await capture(server, [generation(1, 'fine')]);
    await server.evaluationWorker!.drain();
    expect(judgeCalls()).toHaveLength(1);
    const evaluations = server.store.evaluationStore();
    const [evaluator] = await evaluations.listEvaluators('default');
    const [job] = await evaluations.jobs('default', evaluator!.id, 10);
    await evaluations.updateJob({
      ...job!,
      state: 'running',
      leaseOwner: 'dead-worker',
      leaseUntil: Date.now() - 1,
      updatedAt: Date.now(),
    });
    await server.evaluationWorker!.drain();
    expect(judgeCalls()).toHaveLength(1);
    const [after] = await evaluations.jobs('default', evaluator!.id, 10);
    expect(after).toMatchObject({ state: 'done', detail: 'already evaluated' });
  });
});
