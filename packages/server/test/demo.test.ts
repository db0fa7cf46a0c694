/**
 * The README's quick start runs `pnpm demo`: every example against a fresh server, the table
 * of what arrived, then one LLM judge and one code check over those generations. Run here as
 * `--once` (exits after the tables) on the store this suite runs on.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TEST_STORE } from './helpers';

const DEMO = join(import.meta.dirname, '..', '..', '..', 'scripts', 'demo.mjs');
const EXAMPLES = ['node-sdk', 'vercel-ai', 'traceloop', 'openinference', 'otlp-exporter'];

describe('pnpm demo --once', () => {
  it('every example delivers events, and both evaluators report a result per generation', async () => {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        ([key]) => !key.startsWith('OTEL_') && key !== 'OPENAI_API_KEY' && key !== 'NODE_OPTIONS',
      ),
    );
    // Built by the test command before vitest runs: the demo's own build step is skipped.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [DEMO, '--once', '--skip-build', '--store', TEST_STORE],
      { env: { ...env, NO_COLOR: '1' }, timeout: 150_000, maxBuffer: 16 * 1024 * 1024 },
    );
    const plain = stripVTControlCharacters(stdout);
    const row = (name: string) =>
      plain.split('\n').find((line) => line.startsWith(`${name} `)) ?? `${name}: no row`;
    for (const example of EXAMPLES) {
      // name, events, generations: each example sent at least one generation.
      const [, events, generations] = row(example).trim().split(/\s+/);
      expect(Number(events), row(example)).toBeGreaterThan(0);
      expect(Number(generations), row(example)).toBeGreaterThan(0);
    }
    const total = Number(row('total').trim().split(/\s+/)[2]);
    for (const evaluator of ['answers-the-question', 'concise']) {
      const [, , , results] = row(evaluator).trim().split(/\s+/);
      // "LLM judge" / "code check" are two words: results is the fourth column.
      expect(Number(results), row(evaluator)).toBe(total);
    }
  }, 180_000);
});
