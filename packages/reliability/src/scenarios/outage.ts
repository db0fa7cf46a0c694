/**
 * Outage: steady SDK traffic while the server is down for `downMs`, then back. App A runs
 * with default options (everything must arrive, within the queue bound); app B has a small
 * queue, so the outage outlasts it and it must report every event it drops. The application
 * sees no error and its event loop is never blocked long.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppGuard } from '../lib/app-guard';
import type { Log, ScenarioResult } from '../lib/figures';
import { LoopProbe } from '../lib/loop-probe';
import { CountingFetch, DiagCapture, sdkApp } from '../lib/sdk';
import { freePort, LaunchedServe } from '../lib/serve-process';
import { storedByDistinctIds } from '../lib/stored';
import { sleep } from '../lib/time';

export interface OutageOptions {
  beforeMs: number;
  downMs: number;
  afterMs: number;
  /** AI spans per second, per app. */
  spansPerSecond: number;
  /** App B's queue bound (smaller than what the outage accumulates). */
  smallQueue: number;
  /** Extra processor options for both apps (the short form shortens the retry timings). */
  processorOptions?: Record<string, number>;
  /** Wait at most this long for delivery after recovery. */
  settleMs: number;
  log?: Log;
}

const GROUP_SIZE = 400;

export async function runOutage(options: OutageOptions): Promise<ScenarioResult> {
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'llm-analytics-outage-'));
  const serveOptions = {
    port: await freePort(),
    dbPath: join(dir, 'outage.duckdb'),
    projectToken: `phc_${randomBytes(12).toString('hex')}`,
    readKey: `phx_${randomBytes(12).toString('hex')}`,
  };
  const guard = new AppGuard();
  const diagnostics = new DiagCapture();
  // Started through a launcher child: spawning here would block the event loop we measure.
  const server = new LaunchedServe();
  const host = await server.start(serveOptions);
  const apps = [
    { name: 'defaults', counting: new CountingFetch(), extra: {} },
    {
      name: 'small-queue',
      counting: new CountingFetch(),
      extra: { maxQueueSize: options.smallQueue },
    },
  ].map((spec) => ({
    ...spec,
    sent: 0,
    groups: new Set<string>(),
    app: sdkApp(
      {
        apiKey: serveOptions.projectToken,
        host,
        fetch: spec.counting.fetch,
        ...options.processorOptions,
        ...spec.extra,
      },
      `outage-${spec.name}`,
    ),
  }));
  const probe = new LoopProbe();
  const t0 = performance.now();
  const problems: string[] = [];
  let loop: ReturnType<LoopProbe['stop']> | undefined;
  try {
    const traffic = async (ms: number) => {
      const until = Date.now() + ms;
      let carry = 0;
      let last = Date.now();
      while (Date.now() < until) {
        const now = Date.now();
        carry += (options.spansPerSecond * (now - last)) / 1000;
        last = now;
        for (; carry >= 1; carry--)
          for (const app of apps) {
            const group = `outage-${app.name}-${Math.floor(app.sent / GROUP_SIZE)}`;
            app.groups.add(group);
            guard.call('span end', () => app.app.chat(`outage ${app.name} ${app.sent}`, group));
            app.sent++;
          }
        await sleep(20);
      }
    };
    await traffic(options.beforeMs);
    await server.stop('SIGKILL');
    log(
      `  server down for ${options.downMs / 1000} s (at ${Math.round(performance.now() - t0)} ms)`,
    );
    await traffic(options.downMs);
    await server.start(serveOptions);
    log(`  server back (at ${Math.round(performance.now() - t0)} ms)`);
    await traffic(options.afterMs);
    // Recovery: give the processors time to deliver on their own, then flush as an app would.
    const settleUntil = Date.now() + options.settleMs;
    while (Date.now() < settleUntil) {
      // The default-options app must get everything through on its own (drops are reported
      // at most once a minute, so the small-queue app is settled by the flush below).
      const defaults = apps[0]!;
      if (defaults.counting.acknowledged.size >= defaults.sent) break;
      await sleep(250);
    }
    for (const app of apps)
      await guard.await('forceFlush', app.app.processor.forceFlush(), options.settleMs);
    loop = probe.stop();
    for (const app of apps)
      await guard.await('shutdown', app.app.provider.shutdown(), options.settleMs);

    const perApp = [];
    let delivered = 0;
    for (const app of apps) {
      const stored = new Set(
        (await storedByDistinctIds(server.url, serveOptions.readKey, app.groups)).map(
          (event) => event.uuid,
        ),
      );
      delivered += stored.size;
      perApp.push({
        app: app.name,
        sent: app.sent,
        delivered: stored.size,
        acknowledged: app.counting.acknowledged.size,
        requests: Object.fromEntries(app.counting.statuses),
      });
    }
    const sent = apps.reduce((sum, app) => sum + app.sent, 0);
    const dropped = diagnostics.dropped();
    const defaults = perApp[0]!;
    if (defaults.delivered !== defaults.sent)
      problems.push(
        `with default options ${defaults.sent - defaults.delivered} of ${defaults.sent} events were not delivered after a ${options.downMs / 1000} s outage`,
      );
    if (sent !== delivered + dropped)
      problems.push(
        `sent ${sent} ≠ delivered ${delivered} + reported dropped ${dropped}: ${sent - delivered - dropped} lost without a report`,
      );
    if (guard.errors.length)
      problems.push(`the application saw errors: ${guard.errors.slice(0, 5).join('; ')}`);
    await server.stop('SIGTERM');
    await server.close();
    return {
      figures: {
        'outage.sent': sent,
        'outage.delivered': delivered,
        'outage.dropped_reported': dropped,
        'outage.max_event_loop_block_ms': loop.maxBlockMs,
      },
      details: {
        perApp,
        droppedByReason: diagnostics.droppedByReason(),
        eventLoop: loop,
        appErrors: guard.errors.length,
      },
      problems,
    };
  } finally {
    if (!loop) probe.stop();
    await server.close().catch(() => undefined);
    diagnostics.dispose();
    guard.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
