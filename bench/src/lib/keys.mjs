// The `--json` keys, in the order, and the goals they are judged against.

const peers = (prefix, contestants, suffixes) =>
  suffixes.flatMap((suffix) => contestants.map((name) => `${prefix}.${name}_${suffix}`));

export const JSON_KEYS = [
  ...peers(
    'hot_path',
    ['ours', 'bsp', 'posthog', 'langfuse'],
    ['ns_ai', 'ns_ai_50kb', 'ns_non_ai'],
  ),
  ...peers(
    'export',
    ['ours', 'ours_spool', 'bsp_otlp', 'posthog', 'langfuse'],
    ['cpu_us_2kb', 'cpu_us_50kb'],
  ),
  'export.max_block_ms_50kb',
  'map.spans_per_s',
  'server.ingest_spans_per_s',
  'server.decode_map_spans_per_s',
  'server.p99_ms',
  'server.chdb_ingest_spans_per_s',
  'query.generations_p95_ms',
  'query.trace_p95_ms',
  'query.dashboard_p95_ms',
  'query.dashboard_24h_p95_ms',
  'query.chdb_generations_p95_ms',
  'query.chdb_trace_p95_ms',
  'query.chdb_dashboard_p95_ms',
  'query.chdb_dashboard_24h_p95_ms',
  'browser.gzip_bytes',
  'browser.posthog_gzip_bytes',
];

const x = (value) => `${value.toFixed(2)}×`;

/** Each goal of the issue: `{ group, goal, met, detail }`, for the figures present. */
export function judge(f) {
  const out = [];
  const has = (...keys) => keys.every((key) => Number.isFinite(f[key]));
  const add = (group, goal, met, detail) => out.push({ group, goal, met, detail });
  for (const size of ['ai', 'ai_50kb']) {
    const k = (name) => `hot_path.${name}_ns_${size}`;
    if (!has(k('ours'), k('bsp'), k('posthog'), k('langfuse'))) continue;
    const label = size === 'ai' ? '2 KB' : '50 KB';
    add(
      'hot_path',
      `${label}: within 1.5× of bsp`,
      f[k('ours')] <= 1.5 * f[k('bsp')],
      x(f[k('ours')] / f[k('bsp')]),
    );
    add(
      'hot_path',
      `${label}: ahead of posthog and langfuse`,
      f[k('ours')] < f[k('posthog')] && f[k('ours')] < f[k('langfuse')],
      `${x(f[k('ours')] / f[k('posthog')])} posthog, ${x(f[k('ours')] / f[k('langfuse')])} langfuse`,
    );
  }
  for (const size of ['2kb', '50kb']) {
    const k = (name) => `export.${name}_cpu_us_${size}`;
    if (!has(k('ours'), k('bsp_otlp'), k('posthog'), k('langfuse'))) continue;
    const label = size.replace('kb', ' KB');
    add(
      'export',
      `${label}: ahead of posthog and langfuse`,
      f[k('ours')] < f[k('posthog')] && f[k('ours')] < f[k('langfuse')],
      `${x(f[k('ours')] / f[k('posthog')])} posthog, ${x(f[k('ours')] / f[k('langfuse')])} langfuse`,
    );
    add(
      'export',
      `${label}: no more than bsp_otlp`,
      f[k('ours')] <= f[k('bsp_otlp')],
      x(f[k('ours')] / f[k('bsp_otlp')]),
    );
  }
  if (has('export.max_block_ms_50kb'))
    add(
      'export',
      '100 × 50 KB: event loop never blocked ≥ 10 ms',
      f['export.max_block_ms_50kb'] < 10,
      `${f['export.max_block_ms_50kb'].toFixed(1)} ms`,
    );
  if (has('map.spans_per_s'))
    add(
      'map',
      'chat ≥ 50,000 spans/s',
      f['map.spans_per_s'] >= 50_000,
      `${Math.round(f['map.spans_per_s']).toLocaleString('en-US')}/s`,
    );
  if (has('server.ingest_spans_per_s', 'server.decode_map_spans_per_s')) {
    const ingest = f['server.ingest_spans_per_s'];
    add(
      'server',
      'ingest ≥ 20,000 spans/s',
      ingest >= 20_000,
      `${Math.round(ingest).toLocaleString('en-US')}/s`,
    );
    add(
      'server',
      'storing costs at most half (ingest ≥ 0.5 × decode+map)',
      ingest >= 0.5 * f['server.decode_map_spans_per_s'],
      x(ingest / f['server.decode_map_spans_per_s']),
    );
  }
  for (const [key, label, limit] of [
    ['query.generations_p95_ms', 'generations p95 < 50 ms', 50],
    ['query.trace_p95_ms', 'trace p95 < 20 ms', 20],
    ['query.dashboard_p95_ms', 'dashboard p95 < 300 ms', 300],
    ['query.dashboard_24h_p95_ms', 'dashboard, 24 h (UI default) p95 < 300 ms', 300],
    ['query.chdb_generations_p95_ms', 'chdb: generations p95 < 50 ms', 50],
    ['query.chdb_trace_p95_ms', 'chdb: trace p95 < 20 ms', 20],
    ['query.chdb_dashboard_p95_ms', 'chdb: dashboard p95 < 300 ms', 300],
    ['query.chdb_dashboard_24h_p95_ms', 'chdb: dashboard, 24 h (UI default) p95 < 300 ms', 300],
  ])
    if (has(key)) add('query', label, f[key] < limit, `${f[key].toFixed(1)} ms`);
  if (has('browser.gzip_bytes', 'browser.posthog_gzip_bytes'))
    add(
      'browser',
      'own code smaller than @posthog/ai/otel',
      f['browser.gzip_bytes'] < f['browser.posthog_gzip_bytes'],
      `${f['browser.gzip_bytes']} vs ${f['browser.posthog_gzip_bytes']} B`,
    );
  return out;
}
