/**
 * An application in a child process, with `spoolDir`: it ends AI spans at a steady rate and
 * can be SIGKILLed at any moment, the way a deploy or the OOM killer ends a real one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Attributes } from '@opentelemetry/api';

/** The child's code: plain ESM, resolving its imports from this package's dependencies. */
const CHILD = `
import { SpanKind } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { PostHogSpanProcessor } from '@llm-analytics/core';
import { POSTHOG_DISTINCT_ID } from '@llm-analytics/core/semconv';
import { withFileSpool } from '@llm-analytics/core/node-spool';
const o = JSON.parse(process.argv[1]);
const processor = new PostHogSpanProcessor(withFileSpool({ apiKey: o.token, host: o.host, spoolDir: o.spoolDir, ...o.options }));
const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': 'durable-child' }), spanProcessors: [processor] });
const tracer = provider.getTracer('durable-app');
let ended = 0;
if (o.count > 0) {
  const timer = setInterval(() => {
    for (let i = 0; i < o.perTick && ended < o.count; i++) {
      const distinctId = o.groupPrefix + '-' + Math.floor(ended / o.groupSize);
      tracer.startSpan('chat gpt-4o-mini', { kind: SpanKind.CLIENT, attributes: { ...o.attributes, [POSTHOG_DISTINCT_ID]: distinctId } }).end();
      ended++;
    }
    process.send({ ended });
    if (ended >= o.count) { clearInterval(timer); process.send({ idle: true }); }
  }, 50);
}
process.on('message', async (message) => {
  if (message !== 'shutdown') return;
  await provider.shutdown();
  process.send({ shutdown: true }, () => process.exit(0));
});
process.on('disconnect', () => process.exit(3));
`;

/** The package root: module resolution of the child starts there. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name ===
        '@llm-analytics/reliability'
    )
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('@llm-analytics/reliability package root not found');
    dir = parent;
  }
}

export interface SpoolChildOptions {
  token: string;
  host: string;
  spoolDir: string;
  /** Spans to end (0: only deliver what the spool holds). */
  count: number;
  /** Spans per 50 ms tick. */
  perTick: number;
  attributes: Attributes;
  /** Distinct ids are `<groupPrefix>-<n>`, `groupSize` spans each (the read API pages at 1,000). */
  groupPrefix: string;
  groupSize: number;
  options?: Record<string, unknown>;
}

export class SpoolChild {
  ended = 0;
  idle = false;
  stderr = '';
  private readonly child: ChildProcess;
  readonly exited: Promise<void>;

  constructor(options: SpoolChildOptions) {
    // Evaluated with the package root as working directory: its bare imports resolve from the
    // package's dependencies, as an application's would.
    this.child = spawn(
      process.execPath,
      ['--input-type=module', '-e', CHILD, JSON.stringify(options)],
      { cwd: packageRoot(), stdio: ['ignore', 'ignore', 'pipe', 'ipc'] },
    );
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-8192);
    });
    this.child.on('message', (message: { ended?: number; idle?: boolean }) => {
      if (typeof message.ended === 'number') this.ended = message.ended;
      if (message.idle) this.idle = true;
    });
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
  }

  kill(): Promise<void> {
    this.child.kill('SIGKILL');
    return this.exited;
  }

  /** Shut the processor down (what remains stays in the spool), then exit. */
  async shutdown(): Promise<void> {
    if (this.child.connected) this.child.send('shutdown');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}
