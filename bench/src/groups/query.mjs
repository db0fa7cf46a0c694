// query: read-API latency over a store of synthetic generations.
import { runWorker } from '../lib/child.mjs';

const WORKER = new URL('../workers/query-worker.mjs', import.meta.url).pathname;

const ROWS = (timing, row) => [
  row('generations page', timing.generations, 50),
  row('trace detail', timing.trace, 20),
  row('dashboard', timing.dashboard, 300),
];

/** Read-API latency on each store asked for (`--query-stores`, default both). */
export async function queryLatency({ quick, queryEvents, queryStores = ['duckdb', 'chdb'], log }) {
  const events = queryEvents ?? (quick ? 5_000 : 1_000_000);
  const measure = (store) => {
    log(
      `query (${store}): loading ${events.toLocaleString('en-US')} generations, then timing reads`,
    );
    return runWorker(WORKER, [String(events), quick ? 'quick' : 'full', store], {
      timeoutMs: 60 * 60_000,
    });
  };
  const row = (name, timing, goal) => ({
    name,
    median: timing.p50Ms,
    p95: timing.p95Ms,
    unit: 'ms',
    note: `p95 ${timing.p95Ms.toFixed(1)} ms (goal < ${goal} ms), ${timing.reads} reads`,
  });
  const loaded = (timing) =>
    `POST /batch/ at ${Math.round(timing.captureEventsPerSecond).toLocaleString('en-US')} events/s` +
    (timing.storeEventsPerSecond
      ? `, then the store directly at ${Math.round(timing.storeEventsPerSecond).toLocaleString('en-US')} events/s`
      : '');
  const figures = {};
  const sections = [];
  if (queryStores.includes('duckdb')) {
    const result = await measure('duckdb');
    figures['query.generations_p95_ms'] = result.generations.p95Ms;
    figures['query.trace_p95_ms'] = result.trace.p95Ms;
    figures['query.dashboard_p95_ms'] = result.dashboard.p95Ms;
    sections.push({
      title: `query: ${events.toLocaleString('en-US')} events stored (${loaded(result)}); p50`,
      rows: ROWS(result, row),
    });
  }
  if (queryStores.includes('chdb')) {
    const chdb = await measure('chdb');
    figures['query.chdb_generations_p95_ms'] = chdb.generations.p95Ms;
    figures['query.chdb_trace_p95_ms'] = chdb.trace.p95Ms;
    figures['query.chdb_dashboard_p95_ms'] = chdb.dashboard.p95Ms;
    sections.push({
      title: `query, chdb store: ${events.toLocaleString('en-US')} events (${loaded(chdb)}); p50`,
      rows: ROWS(chdb, row),
    });
  }
  return { figures, sections };
}
