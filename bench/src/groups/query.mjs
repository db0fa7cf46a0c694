// query: read-API latency over a store of synthetic generations.
import { runWorker } from '../lib/child.mjs';

const WORKER = new URL('../workers/query-worker.mjs', import.meta.url).pathname;

export async function queryLatency({ quick, queryEvents, log }) {
  const events = queryEvents ?? (quick ? 5_000 : 1_000_000);
  const measure = (store) => {
    log(
      `query (${store}): loading ${events.toLocaleString('en-US')} generations, then timing reads`,
    );
    return runWorker(WORKER, [String(events), quick ? 'quick' : 'full', store], {
      timeoutMs: 30 * 60_000,
    });
  };
  const result = await measure('duckdb');
  const chdb = await measure('chdb');
  const row = (name, timing, goal) => ({
    name,
    median: timing.p50Ms,
    p95: timing.p95Ms,
    unit: 'ms',
    note: `p95 ${timing.p95Ms.toFixed(1)} ms (goal < ${goal} ms), ${timing.reads} reads`,
  });
  return {
    figures: {
      'query.generations_p95_ms': result.generations.p95Ms,
      'query.trace_p95_ms': result.trace.p95Ms,
      'query.dashboard_p95_ms': result.dashboard.p95Ms,
      'query.chdb_generations_p95_ms': chdb.generations.p95Ms,
      'query.chdb_trace_p95_ms': chdb.trace.p95Ms,
      'query.chdb_dashboard_p95_ms': chdb.dashboard.p95Ms,
    },
    sections: [
      {
        title:
          `query: ${events.toLocaleString('en-US')} events stored (POST /batch/ at ${Math.round(result.captureEventsPerSecond).toLocaleString('en-US')} events/s` +
          (result.storeEventsPerSecond
            ? `, then the store directly at ${Math.round(result.storeEventsPerSecond).toLocaleString('en-US')} events/s`
            : '') +
          '); p50',
        rows: [
          row('generations page', result.generations, 50),
          row('trace detail', result.trace, 20),
          row('dashboard', result.dashboard, 300),
        ],
      },
      {
        title:
          `query, chdb store: the same ${events.toLocaleString('en-US')} events (POST /batch/ at ${Math.round(chdb.captureEventsPerSecond).toLocaleString('en-US')} events/s` +
          (chdb.storeEventsPerSecond
            ? `, then the store directly at ${Math.round(chdb.storeEventsPerSecond).toLocaleString('en-US')} events/s`
            : '') +
          '); p50',
        rows: [
          row('generations page', chdb.generations, 50),
          row('trace detail', chdb.trace, 20),
          row('dashboard', chdb.dashboard, 300),
        ],
      },
    ],
  };
}
