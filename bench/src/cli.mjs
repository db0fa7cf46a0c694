#!/usr/bin/env node
// `pnpm bench`: every figure of the benchmark issue, ours against the baselines in the same
// run. A table by default; `--json` prints one flat object of numbers (and nothing else on
// stdout); `--quick` is the short run CI executes.
//
//   node src/cli.mjs [--quick] [--json] [--only hot_path,export,map,server,query,browser]
//                    [--query-events N] [--query-stores duckdb,chdb] [--cpu-prof DIR]
//
// Needs the workspace built (`pnpm build`). Progress goes to stderr.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ensureChdbLib } from '../../scripts/ensure-chdb-lib.mjs';
import { bundleSize } from './groups/browser.mjs';
import { exportCost } from './groups/export.mjs';
import { hotPath } from './groups/hot-path.mjs';
import { mapThroughput } from './groups/map.mjs';
import { queryLatency } from './groups/query.mjs';
import { serverIngest } from './groups/server.mjs';
import { JSON_KEYS, judge } from './lib/keys.mjs';
import { machine } from './lib/machine.mjs';
import { renderTable } from './lib/table.mjs';

const GROUPS = {
  hot_path: hotPath,
  export: exportCost,
  map: mapThroughput,
  server: serverIngest,
  query: queryLatency,
  browser: bundleSize,
};

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    only: { type: 'string' },
    'query-events': { type: 'string' },
    'query-stores': { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
});
const only = values.only ? values.only.split(',').map((name) => name.trim()) : Object.keys(GROUPS);
const unknown = only.filter((name) => !(name in GROUPS));
if (unknown.length) {
  process.stderr.write(
    `unknown group(s) ${unknown.join(', ')}; known: ${Object.keys(GROUPS).join(', ')}\n`,
  );
  process.exit(2);
}
const QUERY_STORES = ['duckdb', 'chdb'];
const queryStores = values['query-stores']
  ? values['query-stores'].split(',').map((name) => name.trim())
  : QUERY_STORES;
const unknownStores = queryStores.filter((name) => !QUERY_STORES.includes(name));
if (unknownStores.length || queryStores.length === 0) {
  process.stderr.write(
    `unknown --query-stores ${unknownStores.join(', ') || '(none given)'}; known: ${QUERY_STORES.join(', ')}\n`,
  );
  process.exit(2);
}
if (values['cpu-prof']) {
  const dir = resolve(values['cpu-prof']);
  mkdirSync(dir, { recursive: true });
  process.env.LLM_ANALYTICS_BENCH_CPU_PROF = dir;
}

const log = (line) => process.stderr.write(`${line}\n`);
// The server and query groups also measure the ClickHouse store on chDB.
if (only.includes('server') || only.includes('query')) ensureChdbLib();
const before = machine();
const started = performance.now();
const figures = {};
const sections = [];
for (const name of only) {
  const result = await GROUPS[name]({
    quick: values.quick,
    log,
    queryEvents: values['query-events'] ? Number(values['query-events']) : undefined,
    queryStores,
  });
  Object.assign(figures, result.figures);
  sections.push(...result.sections);
}
const minutes = (performance.now() - started) / 60_000;
const after = machine();

if (values.json) {
  const ordered = {};
  for (const key of JSON_KEYS) if (key in figures) ordered[key] = figures[key];
  process.stdout.write(`${JSON.stringify(ordered)}\n`);
} else {
  const header = [
    `llm-analytics benchmarks${values.quick ? ' (--quick: short, noisy run)' : ''}`,
    `machine: ${before.nproc} cores, ${before.cpu}, Node ${before.node}, commit ${before.commit}`,
    `load average (1/5/15 min): ${before.load} before, ${after.load} after; ${minutes.toFixed(1)} min`,
    'medians; spread = median absolute deviation over n samples; ratios against the baseline named in each block',
  ].join('\n');
  process.stdout.write(`${renderTable(sections, judge(figures), header)}\n`);
}
