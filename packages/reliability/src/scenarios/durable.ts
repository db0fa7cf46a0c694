/**
 * Durable delivery (`spoolDir`): events the server has not acknowledged wait on disk.
 * - outage: steady traffic through a server outage longer than memory's bound holds; every
 *   event must arrive once the server is back, and the event loop is never blocked long.
 * - kill: an application in a child process is SIGKILLed during an outage; a new process
 *   started on the same spoolDir delivers every event the first one ended, each stored once.
 * - corrupt: records damaged as a crash mid-write (cut short) or a bad disk (a flipped byte)
 *   leaves them are skipped and reported; every other event is delivered.
 * - unwritable: a spoolDir that cannot be created (read-only mount, a file in the way)
 *   degrades to in-memory delivery with one warning; every event is delivered.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withFileSpool } from '@llm-analytics/core/node-spool';
import { AppGuard } from '../lib/app-guard';
import type { Log, ScenarioResult } from '../lib/figures';
import { LoopProbe } from '../lib/loop-probe';
import { CountingFetch, DiagCapture, sdkApp, type SdkApp } from '../lib/sdk';
import { freePort, LaunchedServe } from '../lib/serve-process';
import { SpoolChild } from '../lib/spool-child';
import { chatAttributes } from '../lib/spans';
import { duplicateSpans, storedByDistinctIds, type StoredEvent } from '../lib/stored';
import { sleep, waitUntil } from '../lib/time';

export interface DurableOptions {
  /** Outage part: traffic before, during and after the outage, in ms. */
  beforeMs: number;
  downMs: number;
  afterMs: number;
  /** AI spans per second in the outage part. */
  spansPerSecond: number;
  /** Processor options of the outage part (the short form shrinks the queue and the retries). */
  processorOptions?: Record<string, number>;
  /** Spans the killed child ends (at 20 per 50 ms tick). */
  killSpans: number;
  /** Spans the corrupt part spools. */
  corruptSpans: number;
  /** Wait at most this long for delivery after recovery. */
  settleMs: number;
  log?: Log;
}

/** Events per distinct id: the read API returns at most 1,000 per query. */
const GROUP_SIZE = 400;
/** How long the killed child stays idle before the kill: the spool writes within 100 ms. */
const KILL_AFTER_IDLE_MS = 500;

function groupsOf(prefix: string, count: number): string[] {
  return Array.from({ length: Math.ceil(count / GROUP_SIZE) }, (_, i) => `${prefix}-${i}`);
}

/** Spool records in a directory; none when it was never created (the child failed to start). */
const records = (dir: string) =>
  existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.req')) : [];

export async function runDurable(options: DurableOptions): Promise<ScenarioResult> {
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'llm-analytics-durable-'));
  const serveOptions = {
    port: await freePort(),
    dbPath: join(dir, 'durable.duckdb'),
    projectToken: `phc_${randomBytes(12).toString('hex')}`,
    readKey: `phx_${randomBytes(12).toString('hex')}`,
  };
  const guard = new AppGuard();
  const diagnostics = new DiagCapture();
  const server = new LaunchedServe();
  const problems: string[] = [];
  const apps: SdkApp[] = [];
  const children: SpoolChild[] = [];
  const stored = (groups: Iterable<string>): Promise<StoredEvent[]> =>
    storedByDistinctIds(server.url, serveOptions.readKey, groups);
  try {
    const host = await server.start(serveOptions);
    const spooledApp = (name: string, spoolDir: string, extra: Record<string, unknown> = {}) => {
      const counting = new CountingFetch();
      const app = sdkApp(
        withFileSpool({
          apiKey: serveOptions.projectToken,
          host,
          fetch: counting.fetch,
          spoolDir,
          ...extra,
        }),
        `durable-${name}`,
      );
      apps.push(app);
      return { app, counting };
    };

    // Outage: the spool holds what memory's bound (maxQueueSize) cannot.
    const outageSpool = join(dir, 'outage-spool');
    const outage = spooledApp('outage', outageSpool, options.processorOptions);
    let outageSent = 0;
    const probe = new LoopProbe();
    const traffic = async (ms: number) => {
      const until = Date.now() + ms;
      let carry = 0;
      let last = Date.now();
      while (Date.now() < until) {
        const now = Date.now();
        carry += (options.spansPerSecond * (now - last)) / 1000;
        last = now;
        for (; carry >= 1; carry--) {
          const group = `durable-outage-${Math.floor(outageSent / GROUP_SIZE)}`;
          guard.call('span end', () => outage.app.chat(`durable outage ${outageSent}`, group));
          outageSent++;
        }
        await sleep(20);
      }
    };
    await traffic(options.beforeMs);
    await server.stop('SIGKILL');
    log(`  outage: server down for ${options.downMs / 1000} s`);
    await traffic(options.downMs);
    const spooledAtPeak = records(outageSpool).length;
    await server.start(serveOptions);
    await traffic(options.afterMs);
    await waitUntil(() => outage.counting.acknowledged.size >= outageSent, options.settleMs, 250);
    await guard.await('forceFlush', outage.app.processor.forceFlush(), options.settleMs);
    const loop = probe.stop();
    const outageStored = await stored(groupsOf('durable-outage', outageSent));
    const outageDelivered = new Set(outageStored.map((event) => event.uuid)).size;
    if (outageDelivered !== outageSent)
      problems.push(
        `outage: ${outageSent - outageDelivered} of ${outageSent} events not delivered after a ${options.downMs / 1000} s outage with spoolDir`,
      );
    log(
      `  outage: ${outageDelivered}/${outageSent} delivered, ${spooledAtPeak} records on disk at the peak`,
    );

    // Kill: SIGKILL during an outage, then a new process on the same spoolDir.
    const killSpool = join(dir, 'kill-spool');
    const killGroup = 'durable-kill';
    await server.stop('SIGKILL');
    const first = new SpoolChild({
      token: serveOptions.projectToken,
      host,
      spoolDir: killSpool,
      count: options.killSpans,
      perTick: 20,
      attributes: chatAttributes('durable kill', 200),
      groupPrefix: killGroup,
      groupSize: GROUP_SIZE,
      options: { warnings: false },
    });
    children.push(first);
    if (!(await waitUntil(() => first.idle, options.settleMs, 50)))
      problems.push(`kill: the child ended only ${first.ended} spans: ${first.stderr.trim()}`);
    await sleep(KILL_AFTER_IDLE_MS);
    await first.kill();
    const killEnded = first.ended;
    const leftOnDisk = records(killSpool).length;
    await server.start(serveOptions);
    const second = new SpoolChild({
      token: serveOptions.projectToken,
      host,
      spoolDir: killSpool,
      count: 0,
      perTick: 0,
      attributes: {},
      groupPrefix: killGroup,
      groupSize: GROUP_SIZE,
      options: { warnings: false },
    });
    children.push(second);
    let killStored: StoredEvent[] = [];
    await waitUntil(
      async () => {
        killStored = await stored(groupsOf(killGroup, killEnded));
        return killStored.length >= killEnded;
      },
      options.settleMs,
      250,
    );
    await second.shutdown();
    const killDelivered = new Set(killStored.map((event) => event.uuid)).size;
    const duplicates =
      duplicateSpans(killStored) +
      duplicateSpans(outageStored) +
      (killStored.length - killDelivered) +
      (outageStored.length - outageDelivered);
    if (killDelivered !== killEnded)
      problems.push(
        `kill: ${killEnded - killDelivered} of ${killEnded} events ended before the SIGKILL were not delivered by the next process`,
      );
    if (duplicates) problems.push(`${duplicates} duplicate events stored`);
    log(
      `  kill: ${killDelivered}/${killEnded} delivered by the next process (${leftOnDisk} records left on disk)`,
    );

    // Corrupt: records cut short (a crash mid-write) and with a flipped byte are skipped.
    const corruptSpool = join(dir, 'corrupt-spool');
    const corruptGroup = 'durable-corrupt';
    const deadHost = `http://127.0.0.1:${await freePort()}`;
    const writer = sdkApp(
      withFileSpool({
        apiKey: serveOptions.projectToken,
        host: deadHost,
        spoolDir: corruptSpool,
        maxAttempts: 1,
        maxBatchSize: 10,
        flushTimeoutMs: 1000,
        warnings: false,
      }),
      'durable-corrupt-writer',
    );
    for (let i = 0; i < options.corruptSpans; i++)
      writer.chat(`durable corrupt ${i}`, corruptGroup);
    await writer.provider.shutdown();
    const files = records(corruptSpool).sort();
    let damagedItems = 0;
    for (const [index, name] of [files[1], files[files.length - 1]].entries()) {
      if (!name) continue;
      const path = join(corruptSpool, name);
      const bytes = readFileSync(path);
      const at = bytes.length - 3;
      if (index === 0) bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);
      writeFileSync(path, index === 0 ? bytes : bytes.subarray(0, bytes.length - 40));
      damagedItems += Number(/-(\d+)i-/.exec(name)?.[1] ?? 0);
    }
    const corruptBefore = diagnostics.droppedByReason()['spool corrupt'] ?? 0;
    const reader = spooledApp('corrupt-reader', corruptSpool);
    await guard.await('forceFlush', reader.app.processor.forceFlush(), options.settleMs);
    const corruptDelivered = new Set((await stored([corruptGroup])).map((event) => event.uuid))
      .size;
    await reader.app.provider.shutdown();
    const corruptReported = (diagnostics.droppedByReason()['spool corrupt'] ?? 0) - corruptBefore;
    if (damagedItems === 0) problems.push('corrupt: no spool record was written to damage');
    if (corruptDelivered !== options.corruptSpans - damagedItems)
      problems.push(
        `corrupt: ${corruptDelivered} delivered, expected ${options.corruptSpans - damagedItems} (all but the ${damagedItems} in damaged records)`,
      );
    if (corruptReported !== damagedItems)
      problems.push(
        `corrupt: ${corruptReported} reported lost, ${damagedItems} were in damaged records`,
      );

    // Unwritable: a file where the spool directory should be.
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a directory');
    const warningsBefore = diagnostics.lines.filter((line) =>
      line.includes('LLM_ANALYTICS_SPOOL_FAILED'),
    ).length;
    const unwritable = spooledApp('unwritable', join(blocker, 'spool'));
    const unwritableGroup = 'durable-unwritable';
    for (let i = 0; i < 20; i++) unwritable.app.chat(`durable unwritable ${i}`, unwritableGroup);
    await guard.await('forceFlush', unwritable.app.processor.forceFlush(), options.settleMs);
    const unwritableDelivered = new Set(
      (await stored([unwritableGroup])).map((event) => event.uuid),
    ).size;
    const spoolWarnings =
      diagnostics.lines.filter((line) => line.includes('LLM_ANALYTICS_SPOOL_FAILED')).length -
      warningsBefore;
    if (unwritableDelivered !== 20)
      problems.push(`unwritable: ${unwritableDelivered} of 20 events delivered from memory`);
    if (spoolWarnings !== 1)
      problems.push(`unwritable: ${spoolWarnings} spool warnings, expected exactly one`);
    if (guard.errors.length)
      problems.push(`the application saw errors: ${guard.errors.slice(0, 5).join('; ')}`);

    const sent = outageSent + killEnded;
    return {
      figures: {
        'durable.sent': sent,
        'durable.delivered': outageDelivered + killDelivered,
        'durable.duplicates': duplicates,
        'durable.corrupt_skipped': corruptReported,
        'durable.unwritable_delivered': unwritableDelivered,
        'durable.max_event_loop_block_ms': loop.maxBlockMs,
      },
      details: {
        outage: {
          sent: outageSent,
          delivered: outageDelivered,
          spooledAtPeak,
          downMs: options.downMs,
        },
        kill: { ended: killEnded, delivered: killDelivered, leftOnDisk },
        corrupt: { spooled: options.corruptSpans, damagedItems, delivered: corruptDelivered },
        unwritable: { delivered: unwritableDelivered, warnings: spoolWarnings },
        eventLoop: loop,
      },
      problems,
    };
  } finally {
    for (const child of children) await child.kill();
    for (const app of apps) await app.provider.shutdown().catch(() => undefined);
    await server.stop('SIGTERM').catch(() => undefined);
    await server.close().catch(() => undefined);
    diagnostics.dispose();
    guard.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
