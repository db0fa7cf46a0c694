// OTLP/protobuf ingestion into a real server process: requests of 100 real spans, 8 in
// flight, each acknowledged only once durably stored. Or (`decode_map`) the same requests
// decoded and mapped in-process, on one core, without HTTP or storing: the baseline.
//
//   node server-worker.mjs <ingest|decode_map> <quick|full> [duckdb|chdb]
import { performance } from 'node:perf_hooks';
import { decodeTraces } from '@llm-analytics/core/otlp';
import { createServerMapper } from '@llm-analytics/server';
import { reportFromWorker } from '../lib/child.mjs';
import { createClient } from '../lib/http-client.mjs';
import { measure } from '../lib/measure.mjs';
import { toolLoopRequests } from '../lib/otlp-requests.mjs';
import { startServerChild } from '../lib/server-child.mjs';
import { percentile } from '../lib/stats.mjs';

const [scenario, mode, store = 'duckdb'] = process.argv.slice(2);
const CONCURRENCY = 8;
const WARMUP_REQUESTS = mode === 'quick' ? 16 : 80;
const REQUESTS = mode === 'quick' ? 48 : 1000;

async function ingest() {
  const { bodies, spansPerRequest } = toolLoopRequests(WARMUP_REQUESTS + REQUESTS);
  const server = await startServerChild(store);
  const client = createClient(server.url, { connections: CONCURRENCY });
  const headers = {
    'content-type': 'application/x-protobuf',
    authorization: `Bearer ${server.token}`,
  };
  const run = async (from, to) => {
    let next = from;
    const latencies = [];
    const worker = async () => {
      while (next < to) {
        const body = bodies[next++];
        const started = performance.now();
        const response = await client.post('/i/v0/ai/otel', headers, body);
        if (response.status !== 200)
          throw new Error(`ingest: HTTP ${response.status} ${response.body.toString()}`);
        latencies.push(performance.now() - started);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return { seconds: (performance.now() - started) / 1000, latencies };
  };
  try {
    await run(0, WARMUP_REQUESTS);
    const cpuBefore = await server.cpuUsage();
    const { seconds, latencies } = await run(WARMUP_REQUESTS, WARMUP_REQUESTS + REQUESTS);
    const cpuAfter = await server.cpuUsage();
    const serverCpuSeconds =
      (cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system) / 1e6;
    return {
      serverCpuUsPerSpan: (serverCpuSeconds * 1e6) / (REQUESTS * spansPerRequest),
      serverCores: serverCpuSeconds / seconds,
      spansPerSecond: (REQUESTS * spansPerRequest) / seconds,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      requests: REQUESTS,
      spansPerRequest,
    };
  } finally {
    client.close();
    await server.close();
  }
}

async function decodeAndMap() {
  const { bodies, spansPerRequest } = toolLoopRequests(64);
  // The server's own mapper: every integration, priced.
  const mapper = createServerMapper();
  let index = 0;
  const stats = await measure(
    'decode_map',
    async () => {
      const t0 = performance.now();
      const { spans } = decodeTraces(bodies[index++ % bodies.length], 'protobuf');
      mapper.map(spans);
      const elapsed = performance.now() - t0;
      return { perOp: elapsed / spansPerRequest, wallMs: elapsed };
    },
    mode === 'quick'
      ? { timeMs: 200, iterations: 10, warmupIterations: 10 }
      : { timeMs: 2000, iterations: 100, warmupIterations: 64 },
  );
  return { spansPerSecond: stats.samples.map((ms) => 1000 / ms) };
}

await reportFromWorker(() => (scenario === 'ingest' ? ingest() : decodeAndMap()));
