/**
 * Memory: a burst of AI spans with 10 KB messages while the server answers slowly. The peak
 * heap growth (measured after a full GC, so only what is retained counts) must stay within
 * what the queue bound allows, not grow with the burst.
 */
import { spawn } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Log, ScenarioResult } from '../lib/figures';
import { DiagCapture, sdkApp } from '../lib/sdk';
import { startSlowServer } from '../lib/slow-server';

export interface MemoryOptions {
  spans: number;
  messageBytes: number;
  /** How long the slow server takes to answer each request. */
  serverDelayMs: number;
  /** Run the burst in a child process with --expose-gc (the CLI); in-process otherwise (vitest). */
  child: boolean;
  log?: Log;
}

interface BurstResult {
  baselineMb: number;
  peakMb: number;
  growthMb: number;
  samples: number;
  droppedByReason: Record<string, number>;
  maxQueueSize: number;
  burstMs: number;
}

const MB = 1024 * 1024;

function gcFunction(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  // Not started with --expose-gc (vitest): expose it now; a fresh context picks the flag up.
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** The burst itself, in this process. */
export async function burst(options: {
  spans: number;
  messageBytes: number;
  host: string;
}): Promise<BurstResult> {
  const gc = gcFunction();
  const diagnostics = new DiagCapture();
  const maxQueueSize = 2048;
  const settle = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const baseline = settle();
  const app = sdkApp({ apiKey: 'phc_memory', host: options.host, maxQueueSize }, 'memory-burst');
  let peak = baseline;
  let samples = 0;
  const started = Date.now();
  for (let index = 0; index < options.spans; index++) {
    app.chat(`memory ${index} ${Math.random()}`, 'memory', options.messageBytes);
    // An app's LLM calls are asynchronous: it yields, so the SDK's timers run meanwhile.
    if (index % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
    if (index % 1000 === 999) {
      peak = Math.max(peak, settle());
      samples++;
    }
  }
  const burstMs = Date.now() - started;
  // A few more samples while the SDK works through what it held.
  for (let n = 0; n < 5; n++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    peak = Math.max(peak, settle());
    samples++;
  }
  // Leave quickly: hand everything held to a sender that accepts it, then shut down.
  app.processor.flushSync(() => true);
  await app.provider.shutdown();
  const droppedByReason = diagnostics.droppedByReason();
  diagnostics.dispose();
  const round = (bytes: number) => Math.round((bytes / MB) * 10) / 10;
  return {
    baselineMb: round(baseline),
    peakMb: round(peak),
    growthMb: round(peak - baseline),
    samples,
    droppedByReason,
    maxQueueSize,
    burstMs,
  };
}

/** `run.js --memory-child '<json>'`: the burst in a clean process; prints its result as JSON. */
export async function memoryChild(json: string): Promise<void> {
  const result = await burst(
    JSON.parse(json) as { spans: number; messageBytes: number; host: string },
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runChild(options: {
  spans: number;
  messageBytes: number;
  host: string;
}): Promise<BurstResult> {
  // The CLI's own script (dist/run.js): it runs the burst when given --memory-child.
  const script = process.argv[1]!;
  const child = spawn(
    process.execPath,
    ['--expose-gc', script, '--memory-child', JSON.stringify(options)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10 * 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        if (code !== 0) throw new Error(`exit ${code}`);
        resolve(JSON.parse(line) as BurstResult);
      } catch (error) {
        reject(new Error(`memory child failed (${String(error)}): ${stdout.slice(-500)}`));
      }
    });
  });
}

export async function runMemory(options: MemoryOptions): Promise<ScenarioResult> {
  const server = await startSlowServer(options.serverDelayMs);
  try {
    options.log?.(
      `  ${options.spans} spans with ${options.messageBytes / 1000} KB messages, server answering in ${options.serverDelayMs} ms`,
    );
    const input = { spans: options.spans, messageBytes: options.messageBytes, host: server.url };
    const result = options.child ? await runChild(input) : await burst(input);
    const problems: string[] = [];
    // What the bound allows: every held span with its message, twice over for the mapped copy
    // and the serialized request, plus a fixed allowance for the SDK's code and buffers.
    const allowanceMb = Math.round((result.maxQueueSize * options.messageBytes * 3) / MB + 30);
    if (result.growthMb > allowanceMb)
      problems.push(
        `peak heap growth ${result.growthMb} MB exceeds what the queue bound allows (${allowanceMb} MB)`,
      );
    const dropped = Object.values(result.droppedByReason).reduce((sum, count) => sum + count, 0);
    return {
      figures: { 'memory.peak_heap_growth_mb': result.growthMb },
      details: {
        ...result,
        allowanceMb,
        requestsReceived: server.requests(),
        reportedDropped: dropped,
      },
      problems,
    };
  } finally {
    await server.close();
  }
}
