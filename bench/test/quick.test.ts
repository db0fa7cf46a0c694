/**
 * CI runs the benchmark's short form: every figure of the issue comes out as a finite number.
 * The numbers themselves are not judged here (a quick run on a shared CI machine is noise).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ESM module of the benchmark, without type declarations
import { JSON_KEYS } from '../src/lib/keys.mjs';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '..', 'src', 'cli.mjs');

describe('pnpm bench --quick --json', () => {
  it('prints one flat object with every key of the issue as a finite number', async () => {
    const { stdout } = await run(process.execPath, [CLI, '--quick', '--json'], {
      maxBuffer: 16 * 1024 * 1024,
      timeout: 290_000,
    });
    const figures = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(figures).sort()).toEqual([...(JSON_KEYS as string[])].sort());
    for (const key of JSON_KEYS as string[]) {
      expect(typeof figures[key], key).toBe('number');
      expect(Number.isFinite(figures[key]), key).toBe(true);
    }
  }, 300_000);
});
