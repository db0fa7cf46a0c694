/** RELIABILITY.md from a run: the machine, the figures, and what each scenario did. */
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import type { Figures, ScenarioResult } from './lib/figures';

export interface RunRecord {
  figures: Figures;
  results: Record<string, ScenarioResult & { seconds: number }>;
  machine: Machine;
  startedAt: string;
  form: 'full' | 'short';
}

export interface Machine {
  node: string;
  os: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  loadAverageAtStart: number[];
  loadAverageAtEnd?: number[];
}

export function machine(): Machine {
  const list = cpus();
  return {
    node: process.version,
    os: `${osType()} ${release()}`,
    cpu: list[0]?.model ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverageAtStart: loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

export function endLoad(record: Machine): Machine {
  return { ...record, loadAverageAtEnd: loadavg().map((value) => Math.round(value * 100) / 100) };
}

const EXPLAIN: Record<string, string> = {
  'bad_input.cases': 'generated and mutated request bodies sent to `llm-analytics serve`',
  'bad_input.crashes': 'times the server process exited (must be 0)',
  'bad_input.grpc_cases':
    'OTLP/gRPC calls, raw HTTP/2 streams and TCP byte strings sent to the `--grpc-port` receiver',
  'bad_input.server_errors':
    "5xx answers, and gRPC UNKNOWN or the receiver's own INTERNAL (must be 0)",
  'bad_input.valid_spans_lost':
    'valid spans of partly bad requests not found through the read API (must be 0)',
  'crash.acknowledged':
    'events in requests the server answered with a 2xx, while it was SIGKILLed and restarted',
  'crash.stored': 'distinct events stored after the last restart',
  'crash.lost': 'acknowledged events not stored (must be 0)',
  'crash.duplicates': 'spans stored more than once (must be 0)',
  'outage.sent': 'AI spans ended by the two apps during the scenario',
  'outage.delivered': 'events stored after the server came back',
  'outage.dropped_reported':
    'events the small-queue app dropped and reported through `diag` (sent = delivered + dropped_reported)',
  'outage.max_event_loop_block_ms':
    'longest event-loop block caused by this process (CPU-backed lateness of a 10 ms tick)',
  'durable.sent':
    'AI spans ended with `spoolDir`: through an outage (one app) and before a SIGKILL (a child app)',
  'durable.delivered':
    'distinct events stored, after recovery and after the restart on the same spoolDir',
  'durable.duplicates': 'events or spans stored more than once (must be 0)',
  'durable.corrupt_skipped':
    'events in deliberately damaged spool records (cut short, a flipped byte), skipped and reported',
  'durable.unwritable_delivered':
    'of 20 events, delivered from memory when the spoolDir cannot be created (must be 20)',
  'durable.max_event_loop_block_ms':
    'longest event-loop block of the outage app with the spool (CPU-backed lateness of a 10 ms tick)',
  'host_app.exceptions':
    'exceptions, rejections and hangs that reached the application (must be 0)',
  'memory.peak_heap_growth_mb': 'peak heap growth after a full GC during the burst',
  'security.cases': 'credential, isolation, CORS and slow-client cases tried',
  'security.breaches': 'cases that let anyone through or broke the promise (must be 0)',
};

const SCENARIO_TEXT: Record<string, string> = {
  bad_input:
    'OTLP protobuf bodies from the real `@opentelemetry/otlp-transformer` serializer (truncated, bit-flipped, wrong wire types, spliced) and hand-crafted ones (wrong wire types on known fields, invalid UTF-8, AnyValue arrays nested up to 100,000 deep, huge strings and arrays, 60,000 attributes, sparse indexed keys such as `gen_ai.prompt.99999999.content`, `__proto__` keys, bad ids, overlong varints, extreme int64/double values); OTLP/JSON mutated structurally and byte-wise (invalid UTF-8, BOM, UTF-16, deep nesting); wrong content types and encodings; gzip and deflate bombs (1 GiB of zeros) and nested gzip; oversized and lying bodies; mutated and crafted PostHog capture batches (form-encoded, gzip-js, deep properties, 20,000 events); OTLP logs; read-API query strings; odd methods and paths; and requests that mix valid AI spans with invalid ones (bad span or trace ids, broken attributes), whose valid spans are then looked up through the read API. The OTLP/gRPC receiver (`--grpc-port`) gets the same protobuf mutations as gRPC messages (also to the logs method), wrong metadata (no, malformed, unknown or read-key tokens, two values, binary headers, wrong content types, unknown encodings, odd deadlines), malformed gRPC framing through raw HTTP/2 (lying length prefixes, flag bytes, compressed messages without an encoding, gzip and deflate bombs, two messages in a unary call, odd methods and paths), TCP garbage and broken HTTP/2 frames, and calls that mix valid AI spans with invalid ones. The server runs as a child process (`llm-analytics serve`), so a crash is an exit; it would be restarted and counted.',
  crash:
    "Two apps (events transport and OTLP transport, our `PostHogSpanProcessor` on a real `BasicTracerProvider`) end AI spans steadily while `llm-analytics serve` is SIGKILLed and restarted on the same port and database, and once more right after the final flush. A wrapped `fetch` records every event uuid in a request answered with a 2xx; after the last restart every one of them must be readable through the read API, once. Full form: 40 s at 500 spans/s per app, 9 kills, 0.5 s dead plus the restart (which replays the write-ahead log). Spans beyond an app's 2,048-span queue while the server is away are dropped and reported; the scenario checks that every span is delivered or reported.",
  outage:
    "Two apps send steadily; the server is SIGKILLed, stays down, then restarts on the same port and database. App A uses default options and must get every event through once the server is back; app B has a small queue (the outage outlasts it) and must report every event it drops. Servers are started through a small launcher process, because spawning blocks the spawning event loop. Full form: 10 s of traffic, 30 s down, 15 s back, 20 spans/s per app, app B's queue 100. The event loop is sampled every 10 ms for the whole scenario; a late tick counts as a block only up to the CPU time this process used meanwhile (on a busy 2-core machine other processes delay timers too).",
  durable:
    "Durable delivery with `spoolDir`. Outage: one app with default options sends steadily through a server outage far longer than its queue bound holds (full form: 20 spans/s, 10 s up, 5 minutes down, 15 s up: 6,000 spans in the outage against a 2,048-span queue); every event must be stored once the server is back. Kill: an app in a child process ends spans while the server is down, goes idle, and is SIGKILLed 0.5 s later; a new process on the same spoolDir must deliver every one of them, each stored once (spans ended within the ~100 ms before a kill, or of a still-open trace, are only in memory: that window is documented, not tested). Corrupt: one spool record cut short and one with a flipped byte are skipped and reported, everything else delivered. Unwritable: a spoolDir behind a regular file degrades to in-memory delivery with exactly one `LLM_ANALYTICS_SPOOL_FAILED` warning. A full disk (ENOSPC) is not simulated: it takes the same path as the unwritable directory (the spool's write rejects).",
  host_app:
    'Faults injected at every SDK stage: throwing `shouldExportSpan`/`beforeSend`/normalizers/pricing, `beforeSend` returning garbage (circular, BigInt, throwing getters), `fetch` throwing, rejecting, hanging while ignoring the abort signal, returning non-responses or bodies that error or never end, odd `Retry-After` values, 4xx/5xx, invalid attribute values (NaN, symbols, 5 MB strings, 100,000-deep JSON text, 200,000-element arrays, `__proto__` keys), a span ended twice, span-like objects and log records whose getters throw, shutdown during an export, a `diag` logger that throws, `flushSync` senders that throw, odd constructor options, the trace exporter with a throwing callback, and a script that never calls shutdown while the server is down (it must exit on its own, code 0).',
  memory:
    'A burst of AI spans with 10 KB messages (each unique) while the server takes seconds to answer each request; the app yields every 100 spans. Heap used is sampled after a full GC every 1,000 spans (a child process started with `--expose-gc`). The allowance is what the queue bound (2,048 spans) can hold: every held message three times over, plus 30 MB.',
  security:
    "Two projects. Every read endpoint with no credentials, wrong keys, either project token, Basic auth, an empty bearer, the key in the query; project B's read key against project A's events, traces, trace tree, generations, sessions, users and dashboard; stored events checked for the project token; writes with no, wrong or read-only credentials (and that nothing refused was stored); CORS preflights and headers on every ingestion endpoint (204, `*`, POST, the three headers, a max age, never credentials) and none on `/api/*`; then trickled headers, stalled bodies and idle connections held open while normal requests must still be answered within 1 s, and each slow connection must be closed by the server within its timeout plus 2.5 s.",
};

/** What the suite found when it was written, and how each was fixed (with its regression test). */
const FOUND = `## What the suite found (and what was fixed)

| scenario | finding | fix | regression test |
| --- | --- | --- | --- |
| bad_input | One capture request with properties nested 100,000 deep failed the whole grouped DuckDB write (\`JSON.stringify\` overflowed the stack), so every request flushed with it got a 503: 52 × 503 in the first full run, and 3 valid spans of a mixed request lost. | The write queue retries each request alone after a grouped flush fails; capture properties deeper than 64 levels are cut with \`[max depth]\`. | \`server/src/store/write-queue.test.ts\` "when a grouped flush fails, writes each item alone"; \`server/test/store-isolation.test.ts\` (both tests) |
| security | No CORS at all: a browser on another origin could not send events. | Ingestion endpoints answer preflights with 204 and put \`Access-Control-Allow-Origin: *\` on every answer; \`/api/*\` gets no CORS headers. | \`server/test/cors.test.ts\` |
| security | node's default timeouts (60 s for headers, 5 min per request, checked every 30 s) let trickled headers and stalled bodies hold connections for minutes. | Headers within 10 s, the whole request within 30 s, checked every second; 408 on a started request. | \`server/test/slow-clients.test.ts\` |
| outage | With default options a request gave up after 5 attempts (about 7.5 s of backoff). Measured on HEAD with default options, 20 spans/s and a 30 s outage: 520 of 1,086 events lost (reported as delivery failed); all arrive now. | Requests that still fail for a retriable reason are kept within \`maxQueueSize\` and retried in rounds (1 s up to 30 s backoff); \`shutdown()\` drops and reports what still fails; \`flushSync\` takes them too. | \`core/test/export/processor-outage.test.ts\` "keeps a batch…", "holds at most maxQueueSize…", "flushSync offers the requests kept for a retry"; \`processor-retry.test.ts\` "after maxAttempts keeps the batch for later…" |
| memory | Every flush timer started another export while earlier ones still waited on a slow server: spans left the bounded queue for an unbounded number of in-flight batches. Measured on HEAD with the same 100,000-span burst: 609 MB of heap growth (26 MB after the fix). | One export at a time; \`maxQueueSize\` bounds queued + in-flight + kept items. | \`processor-outage.test.ts\` "has one batch in flight at a time against a slow server" |
| outage | Up to 1,000 spans were mapped in one synchronous slice (60–250 ms measured on this machine). | One request's worth of spans per step, plus the rest of a trace it started. | \`core/test/export/processor-batching.test.ts\` |
| host_app | A \`fetch\` that ignores the abort signal hung \`forceFlush()\` and \`shutdown()\` forever. | The request timeout also wins a race against the fetch and its body. | \`processor-outage.test.ts\` "a fetch that ignores the abort signal cannot hang forceFlush or shutdown" |
| outage | Without a spool, a 30 s outage at the suite's rate lost what outlasted the queue bound (2,194 spans ended, 1,543 delivered, 651 dropped and reported), and everything queued was lost when the process exited or crashed. | \`spoolDir\` (Node): requests go to disk before their first attempt and leave it after a 2xx; a later process delivers what an earlier one left. | \`durable\` scenario; \`core/test/export/processor-spool.test.ts\`; \`core/test/node-spool/*.test.ts\` |
| bad_input | A full run failed once with "capture.mutate /batch: EPIPE": a mutated capture body over 4 MiB got its 413 on \`content-length\`, and the server then closed the connection with the upload still arriving, so the TCP stack reset it and the client could lose the answer (RFC 9112 §9.6). The server was wrong, not the suite. | After an answer given before the body was read, the server drains the rest (at most 64 MiB or 10 s) instead of closing; the \`oversized\` cases sent whole now expect the 413, not a reset. | \`server/test/early-answer.test.ts\` |
| host_app | \`Retry-After: 99999999\` held \`forceFlush()\` for 60 s per attempt. | A \`Retry-After\` longer than \`retryMaxDelayMs\` (30 s) ends the attempts; the request is kept for a later round. | \`processor-retry.test.ts\` "a Retry-After longer than the longest backoff ends the attempts at once" |
| host_app | A \`diag\` logger that throws turned our warnings into exceptions in the application (constructor, \`flushSync\`, the exporter, the log processor): 11 of the first run's 13 exceptions. | The export logger ignores a throwing logger. | \`processor-lifecycle.test.ts\` "a diag logger that throws never reaches the application" |
`;

export function renderReport(record: RunRecord): string {
  const { machine: m } = record;
  const lines: string[] = [
    '# Reliability and security suite',
    '',
    'The promises of the SDK and the server, tested under abuse (issue 11). Loopback only; every',
    'loop is bounded in count and time; every server the suite starts stops by itself.',
    '',
    '```sh',
    'pnpm build                      # the suite runs against the built packages',
    'pnpm test:reliability           # the full run: one line per figure',
    'pnpm -s test:reliability --json # one flat JSON object',
    'pnpm test:reliability --short   # the CI form (also run by vitest: packages/reliability/test)',
    'pnpm test:reliability --only outage,memory --report RELIABILITY.md  # paths are relative to packages/reliability',
    '```',
    '',
    `## Latest ${record.form} run`,
    '',
    `${record.startedAt} · Node ${m.node} · ${m.os} · ${m.cores} × ${m.cpu} · ${m.memoryGiB} GiB.`,
    `Load average at start ${m.loadAverageAtStart.join(' / ')}${m.loadAverageAtEnd ? `, at end ${m.loadAverageAtEnd.join(' / ')}` : ''} (1/5/15 min; the machine was shared with other work).`,
    '',
    '| figure | value | meaning |',
    '| --- | ---: | --- |',
    ...Object.entries(record.figures).map(
      ([key, value]) => `| \`${key}\` | ${value} | ${EXPLAIN[key] ?? ''} |`,
    ),
    '',
  ];
  lines.push(FOUND);
  for (const [name, result] of Object.entries(record.results)) {
    lines.push(`## ${name} (${result.seconds} s)`, '', SCENARIO_TEXT[name] ?? '', '');
    if (result.problems.length)
      lines.push('Problems:', '', ...result.problems.map((problem) => `- ${problem}`), '');
    lines.push(
      '<details><summary>details</summary>',
      '',
      '```json',
      JSON.stringify(result.details, null, 2),
      '```',
      '',
      '</details>',
      '',
    );
  }
  return `${lines.join('\n')}`;
}
