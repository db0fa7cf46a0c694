import { gzipSync } from 'node:zlib';
import { PostHog } from 'posthog-node';
import { describe, expect, it, vi } from 'vitest';
import { post, read, readEvents, testServer } from './helpers';

const generation = (uuid: string, extra: Record<string, unknown> = {}) => ({
  event: '$ai_generation',
  distinct_id: 'user-1',
  uuid,
  timestamp: '2025-06-01T12:00:00.000Z',
  properties: {
    $ai_trace_id: `trace-${uuid}`,
    $ai_model: 'gpt-4o-mini',
    $ai_provider: 'openai',
    $ai_input_tokens: 1000,
    $ai_output_tokens: 100,
    $ai_input: [{ role: 'user', content: 'Hello there' }],
    ...extra,
  },
});

const UUIDS = Array.from(
  { length: 8 },
  (_, index) => `00000000-0000-4000-8000-00000000000${index}`,
);

describe('PostHog capture API', () => {
  it('the real posthog-node client: $ai_generation events land, priced by the server', async () => {
    const server = await testServer();
    const client = new PostHog(server.projectToken, {
      host: server.url,
      flushAt: 1,
      flushInterval: 0,
    });
    client.capture({
      distinctId: 'node-user',
      event: '$ai_generation',
      properties: {
        $ai_trace_id: 'trace-node',
        $ai_model: 'gpt-4o-mini',
        $ai_provider: 'openai',
        $ai_input_tokens: 1000,
        $ai_output_tokens: 500,
        $ai_latency: 1.5,
      },
    });
    client.capture({ distinctId: 'node-user', event: 'page viewed' });
    await client.shutdown();

    const events = await readEvents(server);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({ event: '$ai_generation', distinct_id: 'node-user' });
    expect(event!.properties['$ai_total_cost_usd']).toBeCloseTo(0.00045, 10);
    expect(event!.properties['$lib']).toBe('posthog-node');
    expect(event!.properties).not.toHaveProperty('token');

    const generations = await read<{ results: Array<Record<string, unknown>> }>(
      server,
      '/api/generations',
    );
    expect(generations.body.results).toEqual([
      expect.objectContaining({
        model: 'gpt-4o-mini',
        input_tokens: 1000,
        output_tokens: 500,
        latency: 1.5,
        trace_id: 'trace-node',
      }),
    ]);
  });

  it('a wrong api_key in posthog-node stores nothing', async () => {
    const server = await testServer();
    const client = new PostHog('phc_wrong', {
      host: server.url,
      flushAt: 1,
      flushInterval: 0,
      fetchRetryCount: 0,
    });
    const errors: unknown[] = [];
    client.on('error', (error: unknown) => errors.push(error));
    // The client reports the failed flush on the console too: keep the test output clean.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    client.capture({
      distinctId: 'x',
      event: '$ai_generation',
      properties: { $ai_model: 'gpt-4o-mini' },
    });
    await client.shutdown();
    quiet.mockRestore();
    expect(String(errors[0])).toMatch(/401/);
    expect(await readEvents(server)).toEqual([]);
  });

  it('accepts every body form: batch, single event, array, gzip header, gzip-js, form data=base64', async () => {
    const server = await testServer();
    const token = server.projectToken;
    const json = 'application/json';
    const responses = [
      await post(
        `${server.url}/batch/`,
        JSON.stringify({ api_key: token, batch: [generation(UUIDS[0]!)] }),
        { contentType: json },
      ),
      await post(
        `${server.url}/capture/`,
        JSON.stringify({ api_key: token, ...generation(UUIDS[1]!) }),
        { contentType: json },
      ),
      await post(
        `${server.url}/i/v0/e/`,
        JSON.stringify([{ ...generation(UUIDS[2]!), api_key: token }]),
        { contentType: json },
      ),
      await post(
        `${server.url}/batch`,
        JSON.stringify({ api_key: token, batch: [generation(UUIDS[3]!)] }),
        { contentType: json, gzip: true },
      ),
      await post(
        `${server.url}/i/v0/e/?compression=gzip-js`,
        gzipSync(JSON.stringify({ api_key: token, batch: [generation(UUIDS[4]!)] })),
        {
          contentType: 'text/plain',
        },
      ),
      await post(
        `${server.url}/e/`,
        `data=${encodeURIComponent(Buffer.from(JSON.stringify({ ...generation(UUIDS[5]!), properties: { ...generation(UUIDS[5]!).properties, token } })).toString('base64'))}&compression=base64`,
        { contentType: 'application/x-www-form-urlencoded' },
      ),
    ];
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 1, accepted: 1, dropped: 0 });
    }
    const events = await readEvents(server);
    expect(events.map((event) => event.uuid).sort()).toEqual(UUIDS.slice(0, 6));
    for (const event of events) {
      expect(event.timestamp).toBe('2025-06-01T12:00:00.000Z');
      expect(event.properties['$ai_total_cost_usd']).toBeGreaterThan(0);
    }
  });

  it('keeps costs the client sent, and marks unknown models with a reason', async () => {
    const server = await testServer();
    const response = await post(
      `${server.url}/batch/`,
      JSON.stringify({
        api_key: server.projectToken,
        batch: [
          generation(UUIDS[0]!, { $ai_total_cost_usd: 42 }),
          generation(UUIDS[1]!, { $ai_model: 'no-such-model-xyz' }),
        ],
      }),
      { contentType: 'application/json' },
    );
    expect(response.status).toBe(200);
    const events = Object.fromEntries(
      (await readEvents(server)).map((event) => [event.uuid, event]),
    );
    expect(events[UUIDS[0]!]!.properties['$ai_total_cost_usd']).toBe(42);
    expect(events[UUIDS[1]!]!.properties['$ai_total_cost_usd']).toBeUndefined();
    expect(events[UUIDS[1]!]!.properties['$ai_cost_error']).toMatch(/unknown model/);
  });

  it('stores a uuid once, within a batch and across requests, without failing the batch', async () => {
    const server = await testServer();
    const body = JSON.stringify({
      api_key: server.projectToken,
      batch: [
        generation(UUIDS[0]!),
        generation(UUIDS[0]!, { $ai_model: 'gpt-4o' }),
        generation(UUIDS[1]!),
      ],
    });
    expect(
      (await post(`${server.url}/batch/`, body, { contentType: 'application/json' })).status,
    ).toBe(200);
    expect(
      (await post(`${server.url}/batch/`, body, { contentType: 'application/json' })).status,
    ).toBe(200);
    const events = await readEvents(server);
    expect(events.map((event) => event.uuid).sort()).toEqual([UUIDS[0], UUIDS[1]]);
    // First write wins.
    expect(events.find((event) => event.uuid === UUIDS[0])!.properties['$ai_model']).toBe(
      'gpt-4o-mini',
    );
  });

  it('401 for a missing or unknown api_key; 400 for malformed bodies and events', async () => {
    const server = await testServer();
    const send = (body: string) =>
      post(`${server.url}/batch/`, body, { contentType: 'application/json' });
    const missing = await send(JSON.stringify({ batch: [generation(UUIDS[0]!)] }));
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: expect.stringMatching(/missing api_key/) });
    expect(
      (await send(JSON.stringify({ api_key: 'phc_nope', batch: [generation(UUIDS[0]!)] }))).status,
    ).toBe(401);
    expect(
      (await send(JSON.stringify({ api_key: server.readKey, batch: [generation(UUIDS[0]!)] })))
        .status,
    ).toBe(401);

    const malformed = await send('{"api_key": ');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({
      error: expect.stringMatching(/^malformed JSON body/),
    });
    const noDistinct = await send(
      JSON.stringify({
        api_key: server.projectToken,
        batch: [{ event: '$ai_generation', properties: {} }],
      }),
    );
    expect(noDistinct.status).toBe(400);
    expect(await noDistinct.json()).toEqual({
      error: 'batch[0] ($ai_generation) has no distinct_id',
    });
    expect((await send(JSON.stringify({ api_key: server.projectToken, batch: 'x' }))).status).toBe(
      400,
    );
    expect((await send('')).status).toBe(400);
    const bomb = await post(`${server.url}/batch/`, gzipSync(Buffer.alloc(5 * 1024 * 1024, 0x20)), {
      contentType: 'application/json',
      headers: { 'content-encoding': 'gzip' },
    });
    expect(bomb.status).toBe(413);
    const sniffedBomb = await post(
      `${server.url}/batch/`,
      gzipSync(Buffer.alloc(5 * 1024 * 1024, 0x20)),
      { contentType: 'application/json' },
    );
    expect(sniffedBomb.status).toBe(413);
    expect(await readEvents(server)).toEqual([]);
  });

  it('drops events that are not $ai_* and says so', async () => {
    const server = await testServer();
    const response = await post(
      `${server.url}/batch/`,
      JSON.stringify({
        api_key: server.projectToken,
        batch: [generation(UUIDS[0]!), { event: '$pageview', distinct_id: 'u' }],
      }),
      { contentType: 'application/json' },
    );
    expect(await response.json()).toEqual({ status: 1, accepted: 1, dropped: 1 });
  });
});
