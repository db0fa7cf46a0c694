/** `llm-analytics serve` as installed from the registry, and its read API. */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startService, stopService } from './processes';

export interface InstalledServer {
  url: string;
  projectToken: string;
  readKey: string;
  output: () => string;
  stop: () => Promise<void>;
}

export interface StoredEvent {
  event: string;
  properties: Record<string, unknown>;
}

/** Starts the `llm-analytics` bin of `installDir` on a free loopback port and a fresh database. */
export async function startInstalledServer(options: {
  installDir: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
}): Promise<InstalledServer> {
  const projectToken = `phc_${randomBytes(20).toString('hex')}`;
  const readKey = `phx_${randomBytes(20).toString('hex')}`;
  const bin = join(options.installDir, 'node_modules', '.bin', 'llm-analytics');
  const { child, match, output } = await startService(
    bin,
    [
      'serve',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--db',
      join(options.dataDir, 'events.duckdb'),
      '--project-token',
      projectToken,
      '--read-key',
      readKey,
    ],
    {
      cwd: options.installDir,
      env: options.env,
      timeoutMs: 60_000,
      ready: /llm-analytics listening on (http:\/\/127\.0\.0\.1:\d+)/,
    },
  );
  const running: ChildProcess = child;
  return {
    url: match[1]!,
    projectToken,
    readKey,
    output,
    stop: () => stopService(running),
  };
}

/** Every stored event, newest first, through the read API. */
export async function readEvents(server: InstalledServer): Promise<StoredEvent[]> {
  const response = await fetch(`${server.url}/api/events?limit=1000`, {
    headers: { authorization: `Bearer ${server.readKey}` },
  });
  if (!response.ok) throw new Error(`read API answered HTTP ${response.status}`);
  return ((await response.json()) as { results: StoredEvent[] }).results;
}

/** Reads until `done(events)` holds or `timeoutMs` passes; returns the last read. */
export async function waitForEvents(
  server: InstalledServer,
  done: (events: StoredEvent[]) => boolean,
  timeoutMs = 20_000,
): Promise<StoredEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = await readEvents(server);
    if (done(events) || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
