// query: read-API latency over a store of synthetic generations.
import { runWorker } from '../lib/child.mjs';

const WORKER = new URL('../workers/query-worker.mjs', import.meta.url).pathname;

const ROWS = (timing, row) => [
  row('generations page', timing.generations, 50),
  row('trace detail', timing.trace, 20),
  row('dashboard', timing.dashboard, 300),
  row('dashboard, 24 h', timing.dashboard24h, 300, "the UI's default range"),
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
  const row = (name, timing, goal, what) => ({
    name,
    median: timing.p50Ms,
    p95: timing.p95Ms,
    unit: 'ms',
    note: `p95 ${timing.p95Ms.toFixed(1)} ms (goal < ${goal} ms), ${timing.reads} reads${what ? `; ${what}` : ''}`,
  });
  const loaded = (timing) =>
    `POST /batch/ at ${Math.round(timing.captureEventsPerSecond).toLocaleString('en-US')} events/s` +
    (timing.storeEventsPerSecond
      ? `, then the store directly at ${Math.round(timing.storeEventsPerSecond).toLocaleString('en-US')} events/s`
      : '');
  // Each store's keys: DuckDB's unprefixed (the original keys), ClickHouse's `chdb_`.
  const STORES = {
    duckdb: { key: '', title: 'query' },
    chdb: { key: 'chdb_', title: 'query, chdb store' },
  };
  const figures = {};
  const sections = [];
  for (const store of queryStores) {
    const { key, title } = STORES[store];
    const timing = await measure(store);
    for (const read of ['generations', 'trace', 'dashboard'])
      figures[`query.${key}${read}_p95_ms`] = timing[read].p95Ms;
    figures[`query.${key}dashboard_24h_p95_ms`] = timing.dashboard24h.p95Ms;
    sections.push({
      title: `${title}: ${events.toLocaleString('en-US')} events stored (${loaded(timing)}); p50`,
      rows: ROWS(timing, row),
    });
  }
  return { figures, sections };
}
