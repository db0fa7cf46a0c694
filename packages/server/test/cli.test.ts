/** The built CLI (`dist/cli.js`), the way users run it. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client, credentials, Metadata } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { FIXTURES, TEST_STORE, tempDir } from './helpers';

const CLI = join(import.meta.dirname, '..', 'dist', 'cli.js');

interface Started {
  child: ChildProcess;
  url: string;
  token: string;
  readKey: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** The store under test comes from the environment, so the flags each test checks stay as they are. */
const storeEnv = (cwd: string): Record<string, string> =>
  TEST_STORE === 'chdb' ? { LLM_ANALYTICS_STORE: `chdb:${join(cwd, '.data', 'chdb')}` } : {};

/** Start `serve` and wait for its banner. */
function serve(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], {
    cwd,
    env: { ...process.env, ...storeEnv(cwd), ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 15_000);
    const check = () => {
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      const token = /project token\s+(phc_\w+)/.exec(stdout)?.[1];
      const readKey = /read key\s+(\S+)/.exec(stdout)?.[1];
      if (url && token && readKey) {
        clearTimeout(timer);
        child.stdout.off('data', check);
        resolve({ child, url, token, readKey, stdout: () => stdout, stderr: () => stderr, exited });
      }
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${stderr}`));
    });
  });
}

function run(args: string[], cwd?: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const sendChat = (started: Started) =>
  fetch(`${started.url}/i/v0/ai/otel`, {
    method: 'POST',
    headers: { authorization: `Bearer ${started.token}`, 'content-type': 'application/x-protobuf' },
    body: readFileSync(join(FIXTURES, 'chat.traces.pb')),
  });

const countEvents = async (started: Started) => {
  const response = await fetch(`${started.url}/api/events?limit=1000`, {
    headers: { authorization: `Bearer ${started.readKey}` },
  });
  return ((await response.json()) as { results: unknown[] }).results.length;
};

describe('llm-analytics serve', () => {
  it('starts with no flags, prints address and credentials, keeps them across restarts, stops on SIGTERM', async () => {
    const cwd = tempDir();
    const port = String(await freePort());
    const first = await serve([], cwd, { LLM_ANALYTICS_PORT: port });
    expect(first.url).toBe(`http://127.0.0.1:${port}`);
    expect(first.stdout()).toContain(
      `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://127.0.0.1:${port}/i/v0/ai/otel`,
    );
    expect(
      existsSync(join(cwd, '.data', TEST_STORE === 'chdb' ? 'chdb' : 'llm-analytics.duckdb')),
    ).toBe(true);
    expect((await sendChat(first)).status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.stderr()).toContain('SIGTERM: finishing in-flight requests');

    const second = await serve(['--port', port], cwd);
    expect(second.token).toBe(first.token);
    expect(second.readKey).toBe(first.readKey);
    expect(await countEvents(second)).toBe(1);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });

  it('each database gets its own credentials; an existing one keeps the shared file', async () => {
    const cwd = tempDir();
    const a = await serve(['--port', '0', '--db', join(cwd, 'a.duckdb')], cwd);
    const b = await serve(['--port', '0', '--db', join(cwd, 'b.duckdb')], cwd);
    expect(b.token).not.toBe(a.token);
    expect(b.readKey).not.toBe(a.readKey);
    for (const started of [a, b]) started.child.kill('SIGTERM');
    await Promise.all([a.exited, b.exited]);
    expect(JSON.parse(readFileSync(join(cwd, 'a.duckdb.credentials.json'), 'utf8'))).toEqual({
      projectToken: a.token,
      readKey: a.readKey,
    });
    // A database created before credentials were per database: its clients keep their token.
    writeFileSync(
      join(cwd, 'llm-analytics.credentials.json'),
      JSON.stringify({ projectToken: 'phc_legacy', readKey: 'phx_legacy' }),
    );
    const legacyDb = join(cwd, 'old.duckdb');
    // A new database in that folder gets its own tokens, not the shared ones...
    const created = await serve(['--port', '0', '--db', legacyDb], cwd);
    created.child.kill('SIGTERM');
    await created.exited;
    // ...while an existing database with no file of its own yet adopts them.
    rmSync(join(cwd, 'old.duckdb.credentials.json'));
    const reopened = await serve(['--port', '0', '--db', legacyDb], cwd);
    expect(reopened.token).toBe('phc_legacy');
    expect(created.token).not.toBe('phc_legacy');
    reopened.child.kill('SIGTERM');
    await reopened.exited;
  });

  it('prints the OTLP header percent-encoded, as the OTel spec writes it', async () => {
    const cwd = tempDir();
    const started = await serve(['--port', '0'], cwd);
    expect(started.stdout()).toContain(
      `OTEL_EXPORTER_OTLP_TRACES_HEADERS="Authorization=Bearer%20${started.token}"`,
    );
    started.child.kill('SIGTERM');
    await started.exited;
  });

  it('takes its settings from flags and environment variables', async () => {
    const cwd = tempDir();
    const db = join(cwd, 'custom', 'store.duckdb');
    const started = await serve(['--port', '0', '--project-token', 'phc_flagtoken'], cwd, {
      LLM_ANALYTICS_STORE: '',
      LLM_ANALYTICS_DB: db,
      LLM_ANALYTICS_READ_KEY: 'phx_envkey',
      LLM_ANALYTICS_BIND_HOST: '127.0.0.1',
    });
    expect(started.token).toBe('phc_flagtoken');
    expect(started.readKey).toBe('phx_envkey');
    expect(existsSync(db)).toBe(true);
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
  });

  it('receives OTLP/gRPC on LLM_ANALYTICS_GRPC_PORT (or --grpc-port) and prints how to send to it', async () => {
    const grpcPort = await freePort();
    const started = await serve(['--port', '0'], tempDir(), {
      LLM_ANALYTICS_GRPC_PORT: String(grpcPort),
    });
    expect(started.stdout()).toContain(
      `OTEL_EXPORTER_OTLP_PROTOCOL=grpc OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:${grpcPort}`,
    );
    const client = new Client(`127.0.0.1:${grpcPort}`, credentials.createInsecure());
    const metadata = new Metadata();
    metadata.set('authorization', `Bearer ${started.token}`);
    const error = await new Promise<Error | null>((resolve) =>
      client.makeUnaryRequest(
        '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
        (bytes: Buffer) => bytes,
        (bytes: Buffer) => bytes,
        readFileSync(join(FIXTURES, 'chat.traces.pb')),
        metadata,
        (failure) => resolve(failure),
      ),
    );
    client.close();
    expect(error).toBeNull();
    expect(await countEvents(started)).toBe(1);
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    expect(run(['serve', '--grpc-port', '99999'], tempDir()).stderr).toBe(
      'llm-analytics: invalid port "99999": use 0-65535\n',
    );
  });

  it('drains an in-flight request on SIGTERM', async () => {
    const started = await serve(['--port', '0'], tempDir());
    // A slow upload: the request is in flight when the signal arrives.
    const body = readFileSync(join(FIXTURES, 'chat.traces.pb'));
    let push!: (chunk: Uint8Array | null) => void;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (chunk) => (chunk ? controller.enqueue(chunk) : controller.close());
      },
    });
    const pending = fetch(`${started.url}/i/v0/ai/otel`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${started.token}`,
        'content-type': 'application/x-protobuf',
      },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    push(body.subarray(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 200));
    started.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    push(body.subarray(10));
    push(null);
    expect((await pending).status).toBe(200);
    expect(await started.exited).toBe(0);
  });

  it('acknowledged events survive a crash (SIGKILL, no shutdown)', async () => {
    const cwd = tempDir();
    const first = await serve(['--port', '0'], cwd);
    const batch = Array.from({ length: 50 }, (_, index) => ({
      event: '$ai_generation',
      distinct_id: 'crash-test',
      uuid: `20000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      properties: { $ai_model: 'gpt-4o-mini', $ai_trace_id: `t${index}` },
    }));
    const acknowledged = await Promise.all(
      batch.map((event) =>
        fetch(`${first.url}/i/v0/e/`, {
          method: 'POST',
          body: JSON.stringify({ api_key: first.token, ...event }),
        }),
      ),
    );
    expect(acknowledged.every((response) => response.status === 200)).toBe(true);
    first.child.kill('SIGKILL');
    await first.exited;
    const second = await serve(['--port', '0'], cwd);
    expect(await countEvents(second)).toBe(50);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('--store chdb:PATH serves an embedded ClickHouse and keeps its data across restarts', async () => {
    const cwd = tempDir();
    const store = `chdb:${join(cwd, 'clickhouse')}`;
    const first = await serve(['--port', '0', '--store', store], cwd);
    expect(first.stdout()).toMatch(/store {10}chdb:.*clickhouse \(database llm_analytics\)/);
    expect((await sendChat(first)).status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const second = await serve(['--port', '0'], cwd, { LLM_ANALYTICS_STORE: store });
    expect(second.token).toBe(first.token);
    expect(await countEvents(second)).toBe(1);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('a bad --store is a one-line error and exit code 2', () => {
    const cwd = tempDir();
    const unknown = run(['serve', '--port', '0', '--store', 'postgres://localhost/db'], cwd);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe(
      'llm-analytics: unknown store "postgres:": use duckdb:PATH, chdb:PATH or clickhouse://user:password@host:8123/database (http(s):// too)\n',
    );
    const both = run(['serve', '--store', 'duckdb:a.duckdb', '--db', 'b.duckdb'], cwd);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/^llm-analytics: give either --store or --db/);
    const shared = run(['serve', '--store', 'clickhouse://127.0.0.1:1/db'], cwd);
    expect(shared.status).toBe(2);
    expect(shared.stderr).toMatch(
      /^llm-analytics: a clickhouse:\/\/ store is shared by every replica: give each the same --project-token and --read-key .*\n$/,
    );
  });

  it('an unreachable ClickHouse server is a one-line error and exit code 2', () => {
    const result = run(
      [
        'serve',
        '--port',
        '0',
        '--store',
        'clickhouse://default:secret@127.0.0.1:1/analytics',
        '--project-token',
        'phc_t',
        '--read-key',
        'phx_k',
      ],
      tempDir(),
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^llm-analytics: cannot open ClickHouse database analytics: .+\n$/,
    );
    expect(result.stderr).not.toContain('secret');
  });

  it('a busy port is a one-line error and exit code 2', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = run(['serve', '--port', String(port)], tempDir());
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(
        `llm-analytics: port ${port} on 127.0.0.1 is already in use (choose another with --port)\n`,
      );
    } finally {
      blocker.close();
    }
  });

  it('an unusable database path is a one-line error and exit code 2', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'a-file'), 'x');
    const underFile = run(['serve', '--port', '0', '--db', join(cwd, 'a-file', 'db.duckdb')], cwd);
    expect(underFile.status).toBe(2);
    expect(underFile.stderr).toBe(
      `llm-analytics: cannot create the data directory ${join(cwd, 'a-file')}: a file is in the way\n`,
    );
    mkdirSync(join(cwd, 'a-dir'));
    const isDirectory = run(['serve', '--port', '0', '--db', join(cwd, 'a-dir')], cwd);
    expect(isDirectory.status).toBe(2);
    expect(isDirectory.stderr).toMatch(/^llm-analytics: cannot open database .*a-dir: .*\n$/);
    expect(isDirectory.stderr.trim().split('\n')).toHaveLength(1);
    const badPort = run(['serve', '--port', 'eighty'], cwd);
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toBe('llm-analytics: invalid port "eighty": use 0-65535\n');
  });

  it('a database held by another server is a one-line error', async () => {
    const cwd = tempDir();
    const first = await serve(['--port', '0'], cwd);
    try {
      const second = run(['serve', '--port', '0'], cwd, storeEnv(cwd));
      expect(second.status).toBe(2);
      // chDB's native code prints its own reason first; the last line is ours.
      expect(second.stderr).toMatch(
        TEST_STORE === 'chdb'
          ? /\nllm-analytics: cannot open chdb:.*: .*is another process using it\? .*\n$/
          : /^llm-analytics: cannot open database .*llm-analytics\.duckdb: it is in use by another process\n$/,
      );
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
  });
});

describe('llm-analytics --version', () => {
  it("prints the package's version", () => {
    const manifest = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'),
    ) as { version: string };
    for (const flag of ['--version', '-v']) {
      const result = run([flag]);
      expect(result.status).toBe(0);
      expect(result.stdout).toBe(`${manifest.version}\n`);
    }
  });
});

describe('llm-analytics convert', () => {
  it('prints one JSON event per line', () => {
    const result = run([
      'convert',
      '--traces',
      join(FIXTURES, 'tools-two-turns.traces.pb'),
      '--logs',
      join(FIXTURES, 'tools-two-turns.logs.pb'),
    ]);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines)
      expect(Object.keys(JSON.parse(line)).sort()).toEqual([
        'distinct_id',
        'event',
        'properties',
        'timestamp',
        'uuid',
      ]);
  });

  it('a missing file is a one-line error and exit code 2', () => {
    const result = run(['convert', '--traces', '/nonexistent/x.pb']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'llm-analytics: cannot read traces file /nonexistent/x.pb: no such file\n',
    );
    expect(result.stdout).toBe('');
  });

  it('a malformed file is a one-line error and exit code 2', () => {
    const dir = tempDir();
    const path = join(dir, 'bad.json');
    writeFileSync(path, '{"resourceSpans": [');
    const result = run(['convert', '--traces', path]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(`^llm-analytics: malformed traces file ${path}: .+\\n$`),
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('no --traces: usage and exit code 2', () => {
    const result = run(['convert']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^llm-analytics: convert needs --traces FILE/);
  });
});
