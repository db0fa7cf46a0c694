#!/usr/bin/env node
// Ingest benchmark (not a test): loads synthetic $ai_generation events across traces into a
// real `llm-analytics serve` child process through the PostHog capture path (`POST /batch/`,
// the SDK's default transport), then times every read endpoint.
//
//   node bench/ingest-bench.mjs [--events 1000000] [--batch 500] [--concurrency 6] [--reads 15]
//
// Needs a build (`pnpm turbo run build --filter=@llm-analytics/server...`).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    batch: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '6' },
    reads: { type: 'string', default: '15' },
    keep: { type: 'boolean', default: false },
  },
});
const TOTAL = Number(values.events);
const BATCH = Number(values.batch);
const CONCURRENCY = Number(values.concurrency);
const READS = Number(values.reads);
const GENERATIONS_PER_TRACE = 4;
const MODELS = [
  ['openai', 'gpt-4o-mini'],
  ['openai', 'gpt-4o'],
  ['anthropic', 'claude-3-5-sonnet-20241022'],
  ['openai', 'o4-mini'],
];
const FILLER = 'The quick brown fox jumps over the lazy dog. '.repeat(12);
const START = Date.UTC(2025, 0, 1);

/** Generation `index`: traces of four calls, 2,000 users, ~50,000 sessions, 2% errors. */
function generation(index) {
  const trace = Math.floor(index / GENERATIONS_PER_TRACE);
  const [provider, model] = MODELS[trace % MODELS.length];
  const error = index % 50 === 7;
  return {
    event: '$ai_generation',
    distinct_id: `user-${trace % 2000}`,
    uuid: `40000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
    timestamp: new Date(START + trace * 1000 + (index % GENERATIONS_PER_TRACE) * 200).toISOString(),
    properties: {
      $ai_trace_id: `bench-trace-${trace}`,
      $ai_span_id: `bench-span-${index}`,
      $ai_span_name: `chat ${model}`,
      $ai_session_id: `session-${trace % 50_000}`,
      $ai_model: model,
      $ai_provider: provider,
      $ai_input_tokens: 200 + (index % 900),
      $ai_output_tokens: 20 + (index % 300),
      $ai_latency: 0.3 + (index % 97) / 40,
      $ai_time_to_first_token: 0.05 + (index % 31) / 100,
      $ai_input: [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: `Question ${index}: ${FILLER}` },
      ],
      $ai_output_choices: [{ role: 'assistant', content: `Answer ${index}: ${FILLER}` }],
      ...(error ? { $ai_is_error: true, $ai_error: 'RateLimitError: 429 Rate limit reached' } : {}),
    },
  };
}

function startServe(dbPath) {
  const cli = new URL('../dist/cli.js', import.meta.url).pathname;
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--db', dbPath], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Never leave the server behind, whatever ends this script.
  process.on('exit', () => child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const url = /listening on (\S+)/.exec(out)?.[1];
      const token = /project token\s+(\S+)/.exec(out)?.[1];
      const readKey = /read key\s+(\S+)/.exec(out)?.[1];
      if (url && token && readKey) resolve({ child, url, token, readKey });
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (value) => `${value.toFixed(1)} ms`;

async function ingest(server) {
  let next = 0;
  let done = 0;
  let bytes = 0;
  const latencies = [];
  const worker = async () => {
    while (next < TOTAL) {
      const from = next;
      next = Math.min(TOTAL, next + BATCH);
      const batch = [];
      for (let index = from; index < next; index++) batch.push(generation(index));
      const body = JSON.stringify({ api_key: server.token, batch });
      bytes += body.length;
      const started = performance.now();
      const response = await fetch(`${server.url}/batch/`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      if (response.status !== 200)
        throw new Error(`batch failed: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      done += batch.length;
      if (done % 100_000 < BATCH)
        process.stderr.write(`  ${done.toLocaleString('en-US')} events acknowledged\n`);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { seconds, bytes, p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

async function timeReads(server, path) {
  const times = [];
  let status = 0;
  for (let run = 0; run < READS; run++) {
    const started = performance.now();
    const response = await fetch(`${server.url}${path}`, {
      headers: { authorization: `Bearer ${server.readKey}` },
    });
    await response.arrayBuffer();
    status = response.status;
    times.push(performance.now() - started);
  }
  if (status !== 200) throw new Error(`${path}: HTTP ${status}`);
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

const dir = mkdtempSync(join(tmpdir(), 'llm-analytics-bench-'));
const server = await startServe(join(dir, 'bench.duckdb'));
try {
  process.stderr.write(
    `ingesting ${TOTAL.toLocaleString('en-US')} generations (${BATCH}/request, ${CONCURRENCY} concurrent) into ${dir}\n`,
  );
  const result = await ingest(server);
  console.log(
    `ingest: ${TOTAL.toLocaleString('en-US')} events in ${result.seconds.toFixed(1)} s = ${Math.round(TOTAL / result.seconds).toLocaleString('en-US')} events/s ` +
      `(${(result.bytes / result.seconds / 1024 / 1024).toFixed(1)} MiB/s JSON; request p50 ${ms(result.p50)}, p95 ${ms(result.p95)})`,
  );
  const someTrace = `bench-trace-${Math.floor(TOTAL / GENERATIONS_PER_TRACE / 2)}`;
  const endpoints = [
    '/api/events?limit=100',
    `/api/events?trace_id=${someTrace}`,
    '/api/traces?limit=50',
    '/api/traces?limit=50&distinct_id=user-42',
    '/api/traces?limit=50&has_error=true',
    `/api/traces/${someTrace}`,
    '/api/generations?limit=50',
    '/api/generations?limit=50&model=gpt-4o&sort=cost',
    '/api/generations?limit=50&search=Question%20123456',
    '/api/sessions?limit=50',
    '/api/users?limit=50',
    '/api/dashboard?bucket=hour',
  ];
  console.log(`reads (${READS} runs each, ${TOTAL.toLocaleString('en-US')} events stored):`);
  for (const path of endpoints) {
    const timing = await timeReads(server, path);
    console.log(
      `  ${path.padEnd(58)} p50 ${ms(timing.p50).padStart(10)}   p95 ${ms(timing.p95).padStart(10)}`,
    );
  }
} finally {
  server.child.kill('SIGTERM');
  await new Promise((resolve) => server.child.on('exit', resolve));
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
