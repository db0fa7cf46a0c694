// Read-API latency at scale: load synthetic generations into a real server process, then
// time the generations page, a trace detail and the dashboard. The first events go through
// the PostHog capture path (`POST /batch/`, as ingest-bench does), which also measures it;
// the rest through the server's store directly (the same rows, priced the same way), since a
// million events through HTTP would take most of the time budget on two cores.
//
//   node query-worker.mjs <events> <quick|full> [duckdb|chdb]
import { performance } from 'node:perf_hooks';
import { reportFromWorker } from '../lib/child.mjs';
import { createClient } from '../lib/http-client.mjs';
import { startServerChild } from '../lib/server-child.mjs';
import { percentile } from '../lib/stats.mjs';
import { generation, middleTraceId } from '../lib/synthetic-events.mjs';

const [eventsArg, mode, store = 'duckdb'] = process.argv.slice(2);
const TOTAL = Number(eventsArg);
const BATCH = 1000;
/** Events sent through `POST /batch/`; the rest are written through the store. */
const HTTP_EVENTS = Math.min(TOTAL, mode === 'quick' ? 5_000 : 50_000);
const CONCURRENCY = 4;
const WARMUP_READS = mode === 'quick' ? 2 : 5;
const READS = mode === 'quick' ? 10 : 40;

async function loadHttp(client, token) {
  let next = 0;
  const worker = async () => {
    while (next < HTTP_EVENTS) {
      const from = next;
      const to = (next = Math.min(HTTP_EVENTS, next + BATCH));
      const batch = [];
      for (let index = from; index < to; index++) batch.push(generation(index));
      const body = Buffer.from(JSON.stringify({ api_key: token, batch }));
      const response = await client.post('/batch/', { 'content-type': 'application/json' }, body);
      if (response.status !== 200)
        throw new Error(`load: HTTP ${response.status} ${response.body.toString()}`);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return (performance.now() - started) / 1000;
}

async function time(client, readKey, path) {
  const headers = { authorization: `Bearer ${readKey}` };
  const times = [];
  for (let run = 0; run < WARMUP_READS + READS; run++) {
    const started = performance.now();
    const response = await client.get(path, headers);
    const elapsed = performance.now() - started;
    if (response.status !== 200)
      throw new Error(`${path}: HTTP ${response.status} ${response.body.toString()}`);
    if (run >= WARMUP_READS) times.push(elapsed);
  }
  return { p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), reads: READS };
}

await reportFromWorker(async () => {
  const server = await startServerChild(store);
  const client = createClient(server.url, { connections: CONCURRENCY });
  try {
    const httpSeconds = await loadHttp(client, server.token);
    const started = performance.now();
    const STEP = 100_000;
    for (let from = HTTP_EVENTS; from < TOTAL; from += STEP) {
      await server.load(from, Math.min(TOTAL, from + STEP));
      process.stderr.write(
        `  query: ${Math.min(TOTAL, from + STEP).toLocaleString('en-US')} events stored\n`,
      );
    }
    const directSeconds = (performance.now() - started) / 1000;
    const trace = middleTraceId(TOTAL);
    // The UI opens the dashboard on the last 24 hours: here, the 24 hours before the last event.
    const extent = await client.get('/api/extent', { authorization: `Bearer ${server.readKey}` });
    const last = Date.parse(JSON.parse(extent.body.toString()).last_seen);
    const day = `from=${new Date(last - 86_400_000).toISOString()}&to=${new Date(last + 1).toISOString()}`;
    return {
      events: TOTAL,
      captureEventsPerSecond: HTTP_EVENTS / httpSeconds,
      storeEventsPerSecond: TOTAL > HTTP_EVENTS ? (TOTAL - HTTP_EVENTS) / directSeconds : undefined,
      generations: await time(client, server.readKey, '/api/generations?limit=50'),
      trace: await time(client, server.readKey, `/api/traces/${trace}`),
      dashboard: await time(client, server.readKey, '/api/dashboard?bucket=hour'),
      dashboard24h: await time(client, server.readKey, `/api/dashboard?bucket=hour&${day}`),
    };
  } finally {
    client.close();
    await server.close();
  }
});
