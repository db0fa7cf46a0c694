/**
 * Bad input: ≥ 10,000 generated and mutated bodies against `llm-analytics serve` in a child
 * process (a crash is an exit we see), then hostile gRPC calls, HTTP/2 streams and TCP bytes
 * against its `--grpc-port` receiver. Figures: cases, crashes, server errors, and valid spans
 * lost from requests that mixed them with invalid ones.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBombs } from '../bad-input/bombs';
import { generateCases, type FuzzCase } from '../bad-input/cases';
import { generateGrpcCases, type GrpcCase } from '../bad-input/grpc-cases';
import { sendGrpcCase } from '../bad-input/grpc-send';
import { buildMaterial } from '../bad-input/material';
import { Samples, type Log, type ScenarioResult } from '../lib/figures';
import { Http2Client } from '../lib/grpc-raw';
import { rawRequest, readJson } from '../lib/http';
import { Rng } from '../lib/rng';
import { freePort, ServeProcess } from '../lib/serve-process';
import { SpanFactory } from '../lib/spans';

export interface BadInputOptions {
  /** 1 = the full ≥ 10,000 cases; 0.1 for CI. */
  scale: number;
  /** Inflated size of the compression bombs. */
  bombBytes: number;
  /** Include the multi-megabyte crafted bodies. */
  big: boolean;
  concurrency?: number;
  seed?: number;
  /** Stop sending after this long (a bound, not a target). */
  maxDurationMs?: number;
  log?: Log;
}

interface MixedOutcome {
  distinctId: string;
  valid: number;
  acknowledged: boolean;
}

export async function runBadInput(options: BadInputOptions): Promise<ScenarioResult> {
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? 20_251_127;
  const dir = mkdtempSync(join(tmpdir(), 'llm-analytics-bad-input-'));
  const token = `phc_${randomBytes(12).toString('hex')}`;
  const readKey = `phx_${randomBytes(12).toString('hex')}`;
  const serveOptions = {
    port: await freePort(),
    grpcPort: await freePort(),
    dbPath: join(dir, 'bad-input.duckdb'),
    projectToken: token,
    readKey,
  };
  const spans = new SpanFactory();
  let server = await ServeProcess.start(serveOptions);
  const problems: string[] = [];
  const serverErrors = new Samples();
  const hangs = new Samples();
  const resets = new Samples();
  const crashSamples = new Samples();
  const statuses = new Map<string, Map<number, number>>();
  const mixed: MixedOutcome[] = [];
  const inFlight = new Set<FuzzCase | GrpcCase>();
  const grpcStatuses = new Map<string, Map<string, number>>();
  let crashes = 0;
  let cases = 0;
  let grpcCases = 0;
  let stopping = false;
  let restarting: Promise<void> | undefined;

  const watch = (running: ServeProcess) => {
    void running.exited.then((exit) => {
      if (stopping || running !== server) return;
      crashes++;
      crashSamples.add(
        `exit ${exit.code ?? exit.signal} during ${[...inFlight].map((c) => c.family).join(', ')}: ${running.stderr.slice(-500)}`,
      );
      log(`  server crashed (${exit.code ?? exit.signal}); restarting`);
      restarting = ServeProcess.start(serveOptions).then((next) => {
        server = next;
        watch(next);
        restarting = undefined;
      });
    });
  };
  watch(server);

  try {
    log(`  building material and ${Math.round(options.bombBytes / 2 ** 20)} MiB bombs`);
    const [material, bombs] = await Promise.all([buildMaterial(), buildBombs(options.bombBytes)]);
    const rng = new Rng(seed);
    const runId = randomBytes(4).toString('hex');
    const caseContext = { rng, token, readKey, material, bombs, spans, runId, big: options.big };
    const iterator = generateCases(caseContext, options.scale);
    const deadline = Date.now() + (options.maxDurationMs ?? 30 * 60_000);
    let lastReport = Date.now();

    const worker = async () => {
      for (;;) {
        if (Date.now() > deadline) return;
        const next = iterator.next();
        if (next.done) return;
        const fuzz = next.value;
        if (restarting) await restarting;
        const target = server;
        inFlight.add(fuzz);
        const answer = await rawRequest(target.url, {
          method: fuzz.method ?? 'POST',
          path: fuzz.path,
          headers: fuzz.headers,
          ...(fuzz.body !== undefined ? { body: fuzz.body } : {}),
          timeoutMs: 20_000,
        });
        inFlight.delete(fuzz);
        cases++;
        if (Date.now() - lastReport > 10_000) {
          lastReport = Date.now();
          log(`  ${cases} cases, ${crashes} crashes, ${serverErrors.count} 5xx`);
        }
        if (answer.ok) {
          const byStatus = statuses.get(fuzz.family) ?? new Map<number, number>();
          byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
          statuses.set(fuzz.family, byStatus);
          if (answer.status >= 500)
            serverErrors.add(
              `${fuzz.family} ${fuzz.method ?? 'POST'} ${fuzz.path.slice(0, 80)} → ${answer.status} ${answer.body.toString('utf8').slice(0, 200)}`,
            );
          if (fuzz.mixed)
            mixed.push({
              distinctId: fuzz.mixed.distinctId,
              valid: fuzz.mixed.valid,
              acknowledged: answer.status === 200,
            });
          continue;
        }
        if (fuzz.mixed)
          mixed.push({
            distinctId: fuzz.mixed.distinctId,
            valid: fuzz.mixed.valid,
            acknowledged: false,
          });
        // A failed request while the server died is the crash's, counted there.
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (!target.alive) continue;
        if (answer.timedOut)
          hangs.add(`${fuzz.family} ${fuzz.path.slice(0, 80)}: no answer in 20 s`);
        else if (!fuzz.resetOk)
          resets.add(`${fuzz.family} ${fuzz.path.slice(0, 80)}: ${answer.code ?? answer.error}`);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
    if (restarting) await restarting;

    // The OTLP/gRPC receiver on --grpc-port, through raw HTTP/2 and TCP.
    const grpcIterator = generateGrpcCases(caseContext, options.scale);
    const grpcWorker = async () => {
      const client = new Http2Client(`http://127.0.0.1:${serveOptions.grpcPort}`);
      try {
        for (;;) {
          if (Date.now() > deadline) return;
          const next = grpcIterator.next();
          if (next.done) return;
          const fuzz = next.value;
          if (restarting) await restarting;
          const target = server;
          inFlight.add(fuzz);
          const outcome = await sendGrpcCase(fuzz, serveOptions.grpcPort, client, 20_000);
          inFlight.delete(fuzz);
          grpcCases++;
          const byLabel = grpcStatuses.get(fuzz.family) ?? new Map<string, number>();
          byLabel.set(outcome.label, (byLabel.get(outcome.label) ?? 0) + 1);
          grpcStatuses.set(fuzz.family, byLabel);
          if (fuzz.kind === 'call' && fuzz.mixed)
            mixed.push({
              distinctId: fuzz.mixed.distinctId,
              valid: fuzz.mixed.valid,
              acknowledged: outcome.acknowledged,
            });
          if (outcome.serverError) serverErrors.add(outcome.serverError);
          if (!outcome.hang && !outcome.reset) continue;
          // A failed call while the server died is the crash's, counted there.
          await new Promise((resolve) => setTimeout(resolve, 20));
          if (!target.alive) continue;
          if (outcome.hang) hangs.add(outcome.hang);
          if (outcome.reset) resets.add(outcome.reset);
        }
      } finally {
        client.close();
      }
    };
    await Promise.all(Array.from({ length: 4 }, grpcWorker));
    if (restarting) await restarting;
    log(`  ${grpcCases} gRPC cases, ${crashes} crashes, ${serverErrors.count} server errors`);

    // Every valid span of a partly bad request must be stored.
    let validSpansLost = 0;
    const lostSamples = new Samples();
    for (const outcome of mixed) {
      if (!outcome.acknowledged) {
        validSpansLost += outcome.valid;
        lostSamples.add(`${outcome.distinctId}: request not acknowledged`);
        continue;
      }
      const { status, body } = await readJson<{ results?: unknown[] }>(
        server.url,
        `/api/events?distinct_id=${encodeURIComponent(outcome.distinctId)}&limit=1000`,
        readKey,
      );
      const found = status === 200 ? (body.results?.length ?? 0) : 0;
      if (found < outcome.valid) {
        validSpansLost += outcome.valid - found;
        lostSamples.add(`${outcome.distinctId}: ${found} of ${outcome.valid} stored`);
      }
    }

    stopping = true;
    const exit = await server.stop('SIGTERM');
    if (exit.code !== 0)
      problems.push(`serve did not shut down cleanly after the fuzz: ${exit.code ?? exit.signal}`);
    if (hangs.count)
      problems.push(`${hangs.count} requests got no answer: ${hangs.items.join('; ')}`);
    if (resets.count)
      problems.push(
        `${resets.count} requests were cut off unexpectedly: ${resets.items.join('; ')}`,
      );

    return {
      figures: {
        'bad_input.cases': cases,
        'bad_input.grpc_cases': grpcCases,
        'bad_input.crashes': crashes,
        'bad_input.server_errors': serverErrors.count,
        'bad_input.valid_spans_lost': validSpansLost,
      },
      details: {
        seed,
        mixedRequests: mixed.length,
        mixedValidSpans: mixed.reduce((sum, outcome) => sum + outcome.valid, 0),
        statusesByFamily: Object.fromEntries(
          [...statuses].map(([family, counts]) => [
            family,
            Object.fromEntries([...counts].sort((a, b) => a[0] - b[0])),
          ]),
        ),
        grpcStatusesByFamily: Object.fromEntries(
          [...grpcStatuses].map(([family, counts]) => [
            family,
            Object.fromEntries([...counts].sort((a, b) => a[0].localeCompare(b[0]))),
          ]),
        ),
        serverErrorSamples: serverErrors.items,
        crashSamples: crashSamples.items,
        lostSamples: lostSamples.items,
        hangs: hangs.count,
        unexpectedResets: resets.count,
      },
      problems,
    };
  } finally {
    stopping = true;
    // Cleanup never masks the scenario's own outcome, and the temp directory always goes.
    await server.stop('SIGKILL').catch(() => undefined);
    await spans.shutdown().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
