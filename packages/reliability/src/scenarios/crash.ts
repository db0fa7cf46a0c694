/**
 * Crash durability: steady load through the SDK (events and OTLP transports) while
 * `llm-analytics serve` is SIGKILLed and restarted on the same port and database. Every
 * event the server acknowledged (a 2xx to the request that carried it) must be stored after
 * the last restart, once.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log, ScenarioResult } from '../lib/figures';
import { CountingFetch, DiagCapture, sdkApp, type SdkApp } from '../lib/sdk';
import { freePort, ServeProcess } from '../lib/serve-process';
import { duplicateSpans, storedByDistinctIds } from '../lib/stored';
import { sleep, withTimeout } from '../lib/time';

export interface CrashOptions {
  /** How long load runs. */
  loadMs: number;
  /** AI spans per second, per transport. */
  spansPerSecond: number;
  /** SIGKILLs during the load (plus one after the final flush). */
  kills: number;
  /** How long the server stays dead each time. */
  downMs: number;
  log?: Log;
}

const GROUP_SIZE = 400;

export async function runCrash(options: CrashOptions): Promise<ScenarioResult> {
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'llm-analytics-crash-'));
  const serveOptions = {
    port: await freePort(),
    dbPath: join(dir, 'crash.duckdb'),
    projectToken: `phc_${randomBytes(12).toString('hex')}`,
    readKey: `phx_${randomBytes(12).toString('hex')}`,
  };
  const diagnostics = new DiagCapture();
  const counting = new CountingFetch();
  let server = await ServeProcess.start(serveOptions);
  const host = server.url;
  const apps: Array<{ transport: 'events' | 'otlp'; app: SdkApp }> = (
    ['events', 'otlp'] as const
  ).map((transport) => ({
    transport,
    // Frequent small flushes, so kills land on requests in flight and on writes in progress.
    app: sdkApp(
      {
        apiKey: serveOptions.projectToken,
        host,
        transport,
        fetch: counting.fetch,
        flushIntervalMs: 100,
        maxBatchSize: 50,
      },
      `crash-${transport}`,
    ),
  }));
  const restartMs: number[] = [];
  const restart = async () => {
    const started = Date.now();
    const next = await ServeProcess.start(serveOptions);
    restartMs.push(Date.now() - started);
    return next;
  };
  const groups = new Set<string>();
  const problems: string[] = [];
  let created = 0;
  let kills = 0;
  try {
    const started = Date.now();
    const killEvery = options.loadMs / (options.kills + 1);
    // The killer runs beside the load: spans keep coming while the server is dead.
    const killer = (async () => {
      for (let n = 1; n <= options.kills; n++) {
        await sleep(Math.max(0, started + n * killEvery - Date.now()));
        await server.stop('SIGKILL');
        kills++;
        log(`  kill ${kills}: ${counting.acknowledged.size} events acknowledged so far`);
        await sleep(options.downMs);
        server = await restart();
      }
    })();
    const tickMs = 20;
    let carry = 0;
    let last = Date.now();
    while (Date.now() - started < options.loadMs) {
      const now = Date.now();
      carry += (options.spansPerSecond * (now - last)) / 1000;
      last = now;
      for (; carry >= 1; carry--) {
        for (const { transport, app } of apps) {
          const group = `crash-${transport}-${Math.floor(created / GROUP_SIZE)}`;
          groups.add(group);
          app.chat(`crash ${transport} ${created}`, group);
        }
        created++;
      }
      await sleep(tickMs);
    }
    await killer;
    // Deliver everything the SDK still holds, then kill once more right after the acknowledgements.
    await withTimeout(
      Promise.all(apps.map(({ app }) => app.processor.forceFlush())),
      120_000,
      'forceFlush',
    );
    // What was acknowledged before the last kill is what must be stored after it.
    const acknowledged = [...counting.acknowledged.keys()];
    await server.stop('SIGKILL');
    kills++;
    server = await restart();
    const events = await storedByDistinctIds(server.url, serveOptions.readKey, groups);
    const stored = new Set(events.map((event) => event.uuid));
    let lost = 0;
    for (const uuid of acknowledged) if (!stored.has(uuid)) lost++;
    const duplicates = duplicateSpans(events);
    // Every span the apps ended is accounted for: delivered, or dropped and reported.
    await Promise.all(
      apps.map(({ app }) => withTimeout(app.provider.shutdown(), 120_000, 'provider shutdown')),
    );
    const dropped = diagnostics.dropped();
    const unaccounted = created * apps.length - counting.acknowledged.size - dropped;
    if (unaccounted > 0)
      problems.push(`${unaccounted} spans were neither delivered nor reported as dropped`);
    const exit = await server.stop('SIGTERM');
    if (exit.code !== 0)
      problems.push(`serve did not shut down cleanly: ${exit.code ?? exit.signal}`);
    if (counting.rejectedByServer)
      problems.push(
        `the server rejected ${counting.rejectedByServer} spans of acknowledged requests`,
      );
    return {
      figures: {
        'crash.acknowledged': acknowledged.length,
        'crash.stored': stored.size,
        'crash.lost': lost,
        'crash.duplicates': duplicates,
      },
      details: {
        spansCreated: created * apps.length,
        deliveredInTheEnd: counting.acknowledged.size,
        kills,
        restartMs,
        requestOutcomes: Object.fromEntries(counting.statuses),
        acknowledgedMoreThanOnce: [...counting.acknowledged.values()].filter((times) => times > 1)
          .length,
        // Spans that arrived while the server was down (or replaying its WAL) beyond the queue bound.
        sdkReportedDropped: diagnostics.droppedByReason(),
      },
      problems,
    };
  } finally {
    await Promise.all(
      apps.map(({ app }) =>
        withTimeout(app.provider.shutdown(), 60_000, 'provider shutdown').catch(() => undefined),
      ),
    );
    await server.stop('SIGKILL').catch(() => undefined);
    diagnostics.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
