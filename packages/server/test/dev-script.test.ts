/** `pnpm llm-analytics …` (scripts/llm-analytics.mjs): the wrapper must not orphan the server. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers';

const SCRIPT = join(import.meta.dirname, '..', '..', '..', 'scripts', 'llm-analytics.mjs');

describe('scripts/llm-analytics.mjs', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`forwards ${signal} to the server it started, which stops`, async () => {
      const cwd = tempDir();
      const wrapper = spawn(process.execPath, [SCRIPT, 'serve', '--port', '0'], { cwd });
      let stdout = '';
      let stderr = '';
      wrapper.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
      wrapper.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
      const exited = new Promise<[number | null, string | null]>((resolve) =>
        wrapper.on('exit', (code, name) => resolve([code, name])),
      );
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner: ${stderr}`)), 20_000);
        wrapper.stdout.on('data', () => {
          const match = /listening on (http:\/\/\S+)/.exec(stdout);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
      });
      expect((await fetch(`${url}/api/events`)).status).toBe(401);
      wrapper.kill(signal);
      // The server shut down cleanly (exit 0), and the wrapper passed its exit on.
      expect(await exited).toEqual([0, null]);
      expect(stderr).toContain(`${signal}: finishing in-flight requests`);
      await expect(fetch(`${url}/api/events`)).rejects.toThrow();
    });
  }
});
