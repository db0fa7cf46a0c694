import type { Log, ScenarioResult } from '../lib/figures';
import { runBadInput } from './bad-input';
import { runCrash } from './crash';
import { runDurable } from './durable';
import { runHostApp } from './host-app';
import { runMemory } from './memory';
import { runOutage } from './outage';
import { runSecurity } from './security';

export type Form = 'full' | 'short';

/** Every scenario in its full and short (CI) form. */
export const SCENARIOS = {
  bad_input: (form: Form, log: Log) =>
    runBadInput(
      form === 'full'
        ? { scale: 1, bombBytes: 1024 * 2 ** 20, big: true, log }
        : { scale: 0.1, bombBytes: 64 * 2 ** 20, big: false, log },
    ),
  crash: (form: Form, log: Log) =>
    runCrash(
      form === 'full'
        ? { loadMs: 40_000, spansPerSecond: 500, kills: 8, downMs: 500, log }
        : { loadMs: 6_000, spansPerSecond: 200, kills: 3, downMs: 300, log },
    ),
  outage: (form: Form, log: Log) =>
    runOutage(
      form === 'full'
        ? {
            beforeMs: 10_000,
            downMs: 30_000,
            afterMs: 15_000,
            spansPerSecond: 20,
            smallQueue: 100,
            settleMs: 90_000,
            log,
          }
        : {
            beforeMs: 1_000,
            downMs: 4_000,
            afterMs: 1_000,
            spansPerSecond: 40,
            smallQueue: 40,
            settleMs: 30_000,
            log,
            // Shorter retries, so a 4 s outage outlasts them as 30 s outlast the defaults.
            processorOptions: {
              retryBaseDelayMs: 100,
              retryMaxDelayMs: 400,
              maxAttempts: 3,
              flushIntervalMs: 500,
            },
          },
    ),
  durable: (form: Form, log: Log) =>
    runDurable(
      form === 'full'
        ? {
            // The suite's rate through a 5-minute outage: 6,000 events, three times the
            // default queue bound, with default processor options.
            beforeMs: 10_000,
            downMs: 300_000,
            afterMs: 15_000,
            spansPerSecond: 20,
            killSpans: 2_000,
            corruptSpans: 100,
            settleMs: 120_000,
            log,
          }
        : {
            beforeMs: 1_000,
            downMs: 4_000,
            afterMs: 1_000,
            spansPerSecond: 40,
            killSpans: 300,
            corruptSpans: 60,
            settleMs: 30_000,
            log,
            // A queue bound the outage outlasts (160 events, 40 held in memory) and shorter
            // retries, so 4 s stand for the full form's 5 minutes.
            processorOptions: {
              maxQueueSize: 40,
              retryBaseDelayMs: 100,
              retryMaxDelayMs: 400,
              maxAttempts: 3,
              flushIntervalMs: 500,
            },
          },
    ),
  host_app: (_form: Form, log: Log) => runHostApp({ log }),
  memory: (form: Form, log: Log) =>
    runMemory(
      form === 'full'
        ? { spans: 100_000, messageBytes: 10_000, serverDelayMs: 2000, child: true, log }
        : { spans: 10_000, messageBytes: 10_000, serverDelayMs: 1000, child: false, log },
    ),
  security: (form: Form, log: Log) =>
    runSecurity(
      form === 'full'
        ? { slowConnections: 100, log }
        : { slowConnections: 10, headersTimeoutMs: 500, requestTimeoutMs: 1000, log },
    ),
} satisfies Record<string, (form: Form, log: Log) => Promise<ScenarioResult>>;

export type ScenarioName = keyof typeof SCENARIOS;
