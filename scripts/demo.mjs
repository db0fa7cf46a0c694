#!/usr/bin/env node
// `pnpm demo`: build what is needed, start an llm-analytics server on a fresh database, run
// every example against it (each starts the mock OpenAI server unless OPENAI_API_KEY is set),
// print what arrived, and keep serving the UI until Ctrl-C. `--once` exits after the table,
// non-zero when an example's events did not arrive. `--store chdb` runs it on embedded
// ClickHouse instead of DuckDB (`--store URL` for any store URL `serve --store` takes).
// Two evaluators (an LLM judge against the mock OpenAI server, or OpenAI with OPENAI_API_KEY,
// and a code check) judge the examples' generations; their results are printed after the table.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureChdbLib } from './ensure-chdb-lib.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    once: { type: 'boolean', default: false },
    port: { type: 'string', default: '0' },
    'skip-build': { type: 'boolean', default: false },
    store: { type: 'string', default: 'duckdb' },
  },
});

const EXAMPLES = [
  {
    name: 'node-sdk',
    label: 'OpenAI + @opentelemetry/instrumentation-openai (node-sdk)',
    command: ['--import', '@llm-analytics/node-sdk/register', 'src/start.mjs'],
  },
  { name: 'vercel-ai', label: 'Vercel AI SDK 6 (vercel-ai)', command: ['src/start.mjs'] },
  { name: 'traceloop', label: 'Traceloop OpenLLMetry (traceloop)', command: ['src/start.mjs'] },
  {
    name: 'openinference',
    label: 'Arize OpenInference (openinference)',
    command: ['src/start.mjs'],
  },
  {
    name: 'otlp-exporter',
    label: 'plain OTLP exporter, OTEL_EXPORTER_OTLP_TRACES_* only',
    command: ['src/start.mjs'],
  },
];

const tty = process.stdout.isTTY;
const color = (code) => (text) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
const bold = color(1);
const dim = color(2);
const green = color(32);
const red = color(31);

/** A step with a spinner on a terminal, one line per step elsewhere (CI). */
async function step(label, fn) {
  const started = Date.now();
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  let frame = 0;
  const timer = tty
    ? setInterval(() => process.stdout.write(`\r${frames[frame++ % frames.length]} ${label}`), 80)
    : undefined;
  if (!tty) process.stdout.write(`… ${label}\n`);
  try {
    const result = await fn();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `${tty ? '\r' : ''}${green('✓')} ${label} ${dim(`(${seconds}s${result?.note ? `, ${result.note}` : ''})`)}\n`,
    );
    return result;
  } catch (error) {
    process.stdout.write(`${tty ? '\r' : ''}${red('✗')} ${label}: ${error.message}\n`);
    throw error;
  } finally {
    if (timer) clearInterval(timer);
  }
}

function runProcess(command, commandArgs, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timeout = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('error', (error) => {
      clearTimeout(timeout);
      resolve({ code: -1, output: String(error.message) });
    });
    child.on('close', (code) => {
      clearTimeout(timeout);
      resolve({ code, output });
    });
  });
}

async function readEvents(server) {
  const response = await fetch(`${server.url}/api/events?limit=1000`, {
    headers: { authorization: `Bearer ${server.readKey}` },
  });
  if (!response.ok) throw new Error(`read API answered ${response.status}`);
  return (await response.json()).results;
}

function summarize(events) {
  const byType = {};
  let input = 0;
  let output = 0;
  let cost = 0;
  const models = new Set();
  for (const { event, properties: p } of events) {
    byType[event] = (byType[event] ?? 0) + 1;
    if (event === '$ai_generation' || event === '$ai_embedding') {
      input += p.$ai_input_tokens ?? 0;
      output += p.$ai_output_tokens ?? 0;
      cost += p.$ai_total_cost_usd ?? 0;
      if (p.$ai_model) models.add(p.$ai_model);
    }
  }
  return { count: events.length, byType, input, output, cost, models: [...models] };
}

function table(rows) {
  const headers = [
    'example',
    'events',
    'generation',
    'embedding',
    'span',
    'trace',
    'in tokens',
    'out tokens',
    'cost (USD)',
    'models',
  ];
  const cells = rows.map((r) => [
    r.name,
    String(r.count),
    String(r.byType.$ai_generation ?? 0),
    String(r.byType.$ai_embedding ?? 0),
    String(r.byType.$ai_span ?? 0),
    String(r.byType.$ai_trace ?? 0),
    String(r.input),
    String(r.output),
    r.cost.toFixed(6),
    r.models.join(', '),
  ]);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (values) =>
    values
      .map((v, i) =>
        i === 0 || i === values.length - 1 ? v.padEnd(widths[i]) : v.padStart(widths[i]),
      )
      .join('  ');
  return [
    bold(line(headers)),
    dim(widths.map((w) => '─'.repeat(w)).join('  ')),
    ...cells.map(line),
  ].join('\n');
}

/** The demo's evaluators: one LLM judge, one code check (see the server README). */
const DEMO_EVALUATORS = [
  {
    name: 'answers-the-question',
    evaluator: {
      kind: 'llm_judge',
      model: 'gpt-4o-mini',
      prompt:
        'Does the answer respond to what the user asked?\nQuestion: {{input}}\nAnswer: {{output}}',
      result: { type: 'boolean' },
    },
  },
  {
    name: 'concise',
    evaluator: { kind: 'code', check: { check: 'length', max: 400 } },
  },
];

/** The judge: OpenAI with OPENAI_API_KEY, else the mock OpenAI server of @llm-analytics/testing. */
async function startJudge() {
  if (process.env.OPENAI_API_KEY)
    return {
      endpoint: { baseUrl: 'https://api.openai.com/v1', apiKey: process.env.OPENAI_API_KEY },
      close: async () => undefined,
    };
  const { startMockOpenAI } = await import(
    pathToFileURL(join(ROOT, 'packages/testing/dist/index.js')).href
  );
  const mock = await startMockOpenAI();
  return { endpoint: { baseUrl: mock.url }, close: () => mock.close() };
}

async function api(server, method, path, body) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.readKey}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${answer.error}`);
  return answer;
}

/** Results per evaluator: pass / fail / n/a from the $ai_evaluation events, and the judge's spend. */
function evaluationTable(evaluators, listed, events) {
  const headers = [
    'evaluator',
    'kind',
    'results',
    'pass',
    'fail',
    'n/a',
    'failed runs',
    'judge cost (USD)',
  ];
  const cells = evaluators.map((evaluator) => {
    const results = events.filter(
      (event) =>
        event.event === '$ai_evaluation' && event.properties.$ai_evaluation_id === evaluator.id,
    );
    const count = (test) => String(results.filter((event) => test(event.properties)).length);
    const queue = listed.results.find((item) => item.id === evaluator.id)?.queue ?? {};
    const cost = results.reduce(
      (sum, event) => sum + (event.properties.$ai_total_cost_usd ?? 0),
      0,
    );
    return [
      evaluator.name,
      evaluator.evaluator.kind === 'llm_judge' ? 'LLM judge' : 'code check',
      String(results.length),
      count((p) => p.$ai_evaluation_applicable !== false && p.$ai_evaluation_result === true),
      count((p) => p.$ai_evaluation_applicable !== false && p.$ai_evaluation_result === false),
      count((p) => p.$ai_evaluation_applicable === false),
      String(queue.failed ?? 0),
      evaluator.evaluator.kind === 'llm_judge' ? cost.toFixed(6) : '–',
    ];
  });
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (values) =>
    values.map((v, i) => (i < 2 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  return [
    bold(line(headers)),
    dim(widths.map((w) => '─'.repeat(w)).join('  ')),
    ...cells.map(line),
  ].join('\n');
}

async function main() {
  console.log(bold('llm-analytics demo'));
  console.log(
    dim(
      process.env.OPENAI_API_KEY
        ? 'OPENAI_API_KEY is set: the examples call the real OpenAI API.'
        : 'No OPENAI_API_KEY: each example starts the mock OpenAI server from @llm-analytics/testing.',
    ),
  );

  if (!args['skip-build']) {
    await step('Building packages', async () => {
      const turbo = join(ROOT, 'node_modules', '.bin', 'turbo');
      const filters = [
        '@llm-analytics/server...',
        '@llm-analytics/testing',
        ...EXAMPLES.map((e) => `./examples/${e.name}...`),
      ].map((f) => `--filter=${f}`);
      const result = await runProcess(
        turbo,
        ['run', 'build', ...filters, '--output-logs=errors-only'],
        { cwd: ROOT, env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } },
      );
      if (result.code !== 0) throw new Error(`build failed\n${result.output}`);
    });
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'llm-analytics-demo-'));
  const { startServer } = await import(
    pathToFileURL(join(ROOT, 'packages/server/dist/index.js')).href
  );
  // `duckdb` / `chdb` alone: a fresh store in the temp dir; anything else is a store URL.
  const storeUrl =
    args.store === 'duckdb' || args.store === 'chdb'
      ? args.store === 'chdb'
        ? `chdb:${join(dataDir, 'chdb')}`
        : `duckdb:${join(dataDir, 'demo.duckdb')}`
      : args.store;
  if (storeUrl.startsWith('chdb:')) ensureChdbLib();
  const judge = await startJudge();
  const server = await step(`Starting the llm-analytics server (${storeUrl})`, async () => {
    const started = await startServer({
      port: Number(args.port),
      storeUrl,
      // The evaluators are defined after the examples and tried on their generations ("run on
      // the last N"); while the demo serves, the worker judges new generations every second.
      evaluations: { judge: judge.endpoint, pollIntervalMs: 1000 },
    });
    return Object.assign(started, { note: started.url });
  });
  const stop = async () => {
    await server.close();
    await judge.close();
    rmSync(dataDir, { recursive: true, force: true });
  };

  const rows = [];
  let failures = 0;
  let seen = 0;
  for (const example of EXAMPLES) {
    try {
      const row = await step(`Running examples/${example.name}: ${example.label}`, async () => {
        const result = await runProcess(process.execPath, example.command, {
          cwd: join(ROOT, 'examples', example.name),
          env: {
            ...process.env,
            LLM_ANALYTICS_HOST: server.url,
            LLM_ANALYTICS_TOKEN: server.projectToken,
          },
        });
        const events = await readEvents(server);
        const fresh = events.slice(0, events.length - seen);
        seen = events.length;
        if (result.code !== 0)
          throw new Error(`exited with ${result.code}\n${result.output.trim()}`);
        if (fresh.length === 0) throw new Error(`no events arrived\n${result.output.trim()}`);
        return Object.assign({ name: example.name }, summarize(fresh), {
          note: `${fresh.length} events`,
        });
      });
      rows.push(row);
    } catch {
      failures++;
      rows.push({
        name: `${example.name} ✗`,
        count: 0,
        byType: {},
        input: 0,
        output: 0,
        cost: 0,
        models: [],
      });
    }
  }

  const all = summarize(await readEvents(server));
  rows.push({ name: 'total', ...all });
  console.log(`\n${table(rows)}\n`);
  try {
    const evaluators = await step('Defining an LLM judge and a code check', async () => {
      const created = [];
      for (const definition of DEMO_EVALUATORS)
        created.push(await api(server, 'POST', '/api/evaluators', definition));
      return Object.assign(created, { note: created.map((item) => item.name).join(', ') });
    });
    await step("Evaluating the examples' generations", async () => {
      let queued = 0;
      for (const evaluator of evaluators)
        queued += (
          await api(server, 'POST', `/api/evaluators/${evaluator.id}/run`, { limit: 1000 })
        ).queued;
      await server.evaluationWorker.drain();
      return { note: `${queued} evaluations` };
    });
    console.log(
      `${evaluationTable(evaluators, await api(server, 'GET', '/api/evaluators'), await readEvents(server))}\n`,
    );
  } catch (error) {
    failures++;
    console.error(red(`evaluations failed: ${error.message}`));
  }
  console.log(`${bold('UI:')}        ${server.url}/`);
  console.log(`${bold('Read key:')}  ${server.readKey}`);
  console.log(
    `${bold('Token:')}     ${server.projectToken}  ${dim(`(send more: LLM_ANALYTICS_HOST=${server.url} LLM_ANALYTICS_TOKEN=${server.projectToken})`)}`,
  );

  if (args.once) {
    await stop();
    if (failures) console.error(red(`${failures} part(s) of the demo failed (marked ✗ above)`));
    process.exit(failures ? 1 : 0);
  }
  console.log(dim('\nServing until Ctrl-C.'));
  const shutdown = async () => {
    await stop();
    process.exit(failures ? 1 : 0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error) => {
  console.error(red(`demo failed: ${error.message}`));
  process.exit(1);
});
