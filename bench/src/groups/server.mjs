// server: OTLP/protobuf ingestion, stored and acknowledged, against decode + map alone.
import { runWorker } from '../lib/child.mjs';
import { describe } from '../lib/stats.mjs';

const WORKER = new URL('../workers/server-worker.mjs', import.meta.url).pathname;

export async function serverIngest({ quick, log }) {
  const mode = quick ? 'quick' : 'full';
  log('server: decode + map baseline');
  const baseline = describe((await runWorker(WORKER, ['decode_map', mode])).spansPerSecond);
  log('server: ingest (8 concurrent requests of 100 spans)');
  const ingest = await runWorker(WORKER, ['ingest', mode]);
  log('server: ingest into embedded ClickHouse (chdb)');
  const chdb = await runWorker(WORKER, ['ingest', mode, 'chdb']);
  return {
    figures: {
      'server.ingest_spans_per_s': ingest.spansPerSecond,
      'server.chdb_ingest_spans_per_s': chdb.spansPerSecond,
      'server.decode_map_spans_per_s': baseline.median,
      'server.p99_ms': ingest.p99Ms,
    },
    sections: [
      {
        title: 'server: OTLP protobuf, requests of 100 spans (Vercel tool-loop traces)',
        rows: [
          {
            name: 'decode + map',
            ...baseline,
            unit: 'spans/s',
            note: 'in-process, one core, no HTTP, no store',
          },
          {
            name: 'ingest',
            median: ingest.spansPerSecond,
            unit: 'spans/s',
            ratio: ingest.spansPerSecond / baseline.median,
            note:
              `8 concurrent, ${ingest.requests} requests; p50 ${ingest.p50Ms.toFixed(1)} ms, p99 ${ingest.p99Ms.toFixed(1)} ms; ` +
              `server CPU ${ingest.serverCpuUsPerSpan.toFixed(0)} µs/span, ${ingest.serverCores.toFixed(2)} cores busy`,
          },
          {
            name: 'ingest, chdb store',
            median: chdb.spansPerSecond,
            unit: 'spans/s',
            ratio: chdb.spansPerSecond / baseline.median,
            note:
              `embedded ClickHouse; 8 concurrent, ${chdb.requests} requests; p50 ${chdb.p50Ms.toFixed(1)} ms, p99 ${chdb.p99Ms.toFixed(1)} ms; ` +
              `server CPU ${chdb.serverCpuUsPerSpan.toFixed(0)} µs/span, ${chdb.serverCores.toFixed(2)} cores busy`,
          },
        ],
      },
    ],
  };
}
