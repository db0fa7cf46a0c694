/**
 * `convert` shows what `serve` stores: every OTLP capture in the repository (the real library
 * runs behind every package's tests), mapped by `convert` and posted to a running server,
 * gives the very same events.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AiEvent } from '@llm-analytics/core';
import { describe, expect, it } from 'vitest';
import { convertFiles } from '../src';
import { byUuid, postLogs, postTraces, testServer } from './helpers';

const PACKAGES = join(import.meta.dirname, '..', '..');
const CAPTURE = /\.traces\.(pb|json)$/;

interface Capture {
  name: string;
  traces: string;
  logs?: string;
  format: 'pb' | 'json';
}

/** Every `*.traces.pb` / `*.traces.json` under a package's `test/fixtures`, with its logs. */
function findCaptures(): Capture[] {
  const captures: Capture[] = [];
  for (const pkg of readdirSync(PACKAGES).sort()) {
    const fixtures = join(PACKAGES, pkg, 'test', 'fixtures');
    if (!existsSync(fixtures)) continue;
    const files = readdirSync(fixtures, { recursive: true, encoding: 'utf8' }).sort();
    for (const file of files) {
      const match = CAPTURE.exec(file);
      if (!match) continue;
      const traces = join(fixtures, file);
      const logs = traces.replace(CAPTURE, `.logs.${match[1]}`);
      captures.push({
        name: relative(PACKAGES, traces),
        traces,
        format: match[1] as 'pb' | 'json',
        ...(existsSync(logs) ? { logs } : {}),
      });
    }
  }
  return captures;
}

const captures = findCaptures();

async function readAll(url: string, readKey: string): Promise<AiEvent[]> {
  const response = await fetch(`${url}/api/events?limit=1000`, {
    headers: { authorization: `Bearer ${readKey}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: AiEvent[] }).results;
}

describe('convert and serve', () => {
  it('finds the captures of every adapter and of core', () => {
    const packages = new Set(captures.map((capture) => capture.name.split('/')[0]));
    for (const pkg of ['core', 'vercel-ai', 'traceloop', 'openinference', 'integration-tests'])
      expect(packages).toContain(pkg);
    expect(captures.length).toBeGreaterThan(150);
    expect(captures.filter((capture) => capture.logs).length).toBeGreaterThan(10);
  });

  it('map every capture to identical events (uuids, names, distinct ids, properties)', async () => {
    // One project per capture: the `.pb` and `.json` forms of a capture share their ids.
    const projects = captures.map((_, index) => ({
      id: `capture-${index}`,
      token: `phc_capture_${index}`,
      readKey: `read_capture_${index}`,
    }));
    const server = await testServer({ projects });
    const mismatches: string[] = [];
    let compared = 0;
    for (const [index, capture] of captures.entries()) {
      const project = projects[index]!;
      const converted = await convertFiles({ tracesPath: capture.traces, logsPath: capture.logs });
      // What `convert` prints, one JSON document per event.
      const printed = converted.events.map((event) => JSON.parse(JSON.stringify(event)) as AiEvent);
      const body = (path: string) =>
        capture.format === 'pb' ? new Uint8Array(readFileSync(path)) : readFileSync(path, 'utf8');
      if (capture.logs) {
        const response = await postLogs(server, body(capture.logs), capture.format, {
          token: project.token,
        });
        expect(response.status, capture.name).toBe(200);
      }
      const response = await postTraces(server, body(capture.traces), capture.format, {
        token: project.token,
      });
      expect(response.status, capture.name).toBe(200);
      const stored = await readAll(server.url, project.readKey);
      compared += stored.length;
      try {
        expect(byUuid(stored)).toStrictEqual(byUuid(printed));
      } catch {
        mismatches.push(capture.name);
      }
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(400);
  }, 300_000);

  it('maps an AI SDK 6 capture with the AI SDK integration (not as plain OTel GenAI)', async () => {
    const { events } = await convertFiles({
      tracesPath: join(PACKAGES, 'vercel-ai/test/fixtures/v6/generate-text.traces.pb'),
    });
    const generation = events.find((event) => event.event === '$ai_generation')!;
    expect(generation.properties.$ai_framework).toBe('vercel-ai');
    expect(generation.properties.$ai_input).toBeDefined();
    const root = events.find((event) => event.event === '$ai_trace')!;
    expect(Object.keys(root.properties).filter((key) => key.startsWith('ai.'))).toEqual([]);
  });
});
