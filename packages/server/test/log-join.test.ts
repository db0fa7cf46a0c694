import { describe, expect, it } from 'vitest';
import { startServer } from '../src';
import {
  byUuid,
  expectedEvents,
  fixture,
  postLogs,
  postTraces,
  readEvents,
  testServer,
  testStoreUrl,
} from './helpers';

const SCENARIOS = ['chat', 'tools-two-turns', 'responses-stream', 'error-500'];

describe('OTLP content logs joined to their spans', () => {
  for (const format of ['pb', 'json'] as const) {
    it(`logs before the spans (${format})`, async () => {
      const server = await testServer();
      for (const scenario of SCENARIOS) {
        expect((await postLogs(server, fixture(`${scenario}.logs.${format}`), format)).status).toBe(
          200,
        );
        expect(
          (await postTraces(server, fixture(`${scenario}.traces.${format}`), format)).status,
        ).toBe(200);
      }
      const expected = SCENARIOS.flatMap((scenario) => expectedEvents(scenario, format));
      expect(byUuid(await readEvents(server))).toEqual(byUuid(expected));
    });

    it(`logs after the spans (${format})`, async () => {
      const server = await testServer();
      for (const scenario of SCENARIOS)
        expect(
          (await postTraces(server, fixture(`${scenario}.traces.${format}`), format)).status,
        ).toBe(200);
      for (const scenario of SCENARIOS)
        expect((await postLogs(server, fixture(`${scenario}.logs.${format}`), format)).status).toBe(
          200,
        );
      const expected = SCENARIOS.flatMap((scenario) => expectedEvents(scenario, format));
      expect(byUuid(await readEvents(server))).toEqual(byUuid(expected));
    });
  }

  it('logs and spans racing in concurrent requests still meet', async () => {
    const server = await testServer();
    await Promise.all(
      SCENARIOS.flatMap((scenario) => [
        postLogs(server, fixture(`${scenario}.logs.pb`), 'pb'),
        postTraces(server, fixture(`${scenario}.traces.pb`), 'pb'),
      ]),
    );
    const expected = SCENARIOS.flatMap((scenario) => expectedEvents(scenario, 'pb'));
    expect(byUuid(await readEvents(server))).toEqual(byUuid(expected));
  });

  it('waiting logs survive a restart', async () => {
    const storeUrl = testStoreUrl();
    const first = await startServer({ port: 0, storeUrl });
    expect((await postLogs(first, fixture('chat.logs.pb'), 'pb')).status).toBe(200);
    await first.close();
    const second = await startServer({
      port: 0,
      storeUrl,
      projectToken: first.projectToken,
      readKey: first.readKey,
    });
    try {
      expect((await postTraces(second, fixture('chat.traces.pb'), 'pb')).status).toBe(200);
      expect(await readEvents(second)).toEqual(expectedEvents('chat', 'pb'));
    } finally {
      await second.close();
    }
  });

  it('kept spans survive a restart: late logs still re-map the event', async () => {
    const storeUrl = testStoreUrl();
    const first = await startServer({ port: 0, storeUrl });
    expect((await postTraces(first, fixture('chat.traces.pb'), 'pb')).status).toBe(200);
    await first.close();
    const second = await startServer({
      port: 0,
      storeUrl,
      projectToken: first.projectToken,
      readKey: first.readKey,
    });
    try {
      expect((await postLogs(second, fixture('chat.logs.pb'), 'pb')).status).toBe(200);
      expect(await readEvents(second)).toEqual(expectedEvents('chat', 'pb'));
    } finally {
      await second.close();
    }
  });

  it('rejects log records without span context in the partial success, stores the rest', async () => {
    const server = await testServer();
    const request = JSON.parse(fixture('chat.logs.json').toString('utf8'));
    const records = request.resourceLogs[0].scopeLogs[0].logRecords as Array<
      Record<string, unknown>
    >;
    delete records[0]!['spanId'];
    delete records[0]!['traceId'];
    const response = await postLogs(server, JSON.stringify(request), 'json');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      partialSuccess: {
        rejectedLogRecords: '1',
        errorMessage:
          '1 log record rejected: log record 0: no span id: a content log record must carry its span context',
      },
    });
  });

  it('logs whose span never comes are dropped after the window, with one log line', async () => {
    const lines: string[] = [];
    const server = await testServer({
      logJoin: { windowMs: 300 },
      log: (line) => lines.push(line),
    });
    expect((await postLogs(server, fixture('chat.logs.pb'), 'pb')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(
      lines.some((line) =>
        /dropped \d+ content log record\(s\) whose span never arrived/.test(line),
      ),
    ).toBe(true);
    expect((await postTraces(server, fixture('chat.traces.pb'), 'pb')).status).toBe(200);
    expect(await readEvents(server)).toEqual(expectedEvents('chat', 'pb', false));
  });

  it('caps waiting logs by count', async () => {
    const lines: string[] = [];
    const server = await testServer({
      logJoin: { maxPendingLogs: 2, windowMs: 60_000 },
      log: (line) => lines.push(line),
    });
    expect((await postLogs(server, fixture('chat.logs.pb'), 'pb')).status).toBe(200);
    expect((await postLogs(server, fixture('tools-two-turns.logs.pb'), 'pb')).status).toBe(200);
    expect((await postTraces(server, fixture('chat.traces.pb'), 'pb')).status).toBe(200);
    // chat's logs were pushed out by the later ones: its event has no content.
    expect(await readEvents(server)).toEqual(expectedEvents('chat', 'pb', false));
  });
});
