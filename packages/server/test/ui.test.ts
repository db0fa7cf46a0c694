/** The web UI: static files with caching headers, the SPA fallback, the CSP, and no UI at all. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { defaultUiDir, UI_CONTENT_SECURITY_POLICY } from '../src';
import { read, tempDir, testServer } from './helpers';

const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="app"></div></body></html>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});`;

/** A built UI as Vite lays it out: index.html, hashed assets, files from `public/`. */
function fakeUi(): string {
  const parent = tempDir();
  // A file next to the UI directory: traversal must never reach it.
  writeFileSync(join(parent, 'secret.txt'), 'TOP-SECRET-CONTENT');
  const dir = join(parent, 'ui');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), SCRIPT);
  writeFileSync(join(dir, 'assets', 'index-def456.css'), 'body{margin:0}');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

function get(url: string, headers: Record<string, string> = {}) {
  return fetch(url, { headers });
}

describe('web UI', () => {
  it('serves index.html at / with no-cache, an ETag and a strict CSP', async () => {
    const server = await testServer({ uiDir: fakeUi() });
    const response = await get(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toBe(UI_CONTENT_SECURITY_POLICY);
    expect(UI_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(UI_CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(await response.text()).toBe(INDEX);
    const etag = response.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await get(`${server.url}/`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
  });

  it('serves hashed assets as immutable for a year, other files revalidated', async () => {
    const server = await testServer({ uiDir: fakeUi() });
    const script = await get(`${server.url}/assets/index-abc123.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await script.text()).toBe(SCRIPT);
    const css = await get(`${server.url}/assets/index-def456.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const icon = await get(`${server.url}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('gzips text assets for clients that accept it', async () => {
    const server = await testServer({ uiDir: fakeUi() });
    const { request } = await import('node:http');
    const body = await new Promise<{ encoding?: string; vary?: string; bytes: Buffer }>(
      (resolve, reject) => {
        request(
          `${server.url}/assets/index-abc123.js`,
          { headers: { 'accept-encoding': 'gzip' } },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              resolve({
                encoding: response.headers['content-encoding'],
                vary: response.headers['vary'],
                bytes: Buffer.concat(chunks),
              }),
            );
          },
        )
          .on('error', reject)
          .end();
      },
    );
    expect(body.encoding).toBe('gzip');
    expect(body.vary).toBe('Accept-Encoding');
    expect(body.bytes.byteLength).toBeLessThan(SCRIPT.length / 10);
    expect(gunzipSync(body.bytes).toString()).toBe(SCRIPT);
  });

  it("answers the UI's client-side paths with index.html (the SPA fallback), HEAD too", async () => {
    const server = await testServer({ uiDir: fakeUi() });
    for (const path of [
      '/traces',
      '/traces/0af7651916cd43dd8448eb211c80319c?span=b7ad6b7169203331',
      '/traces/trace.with.dots',
      '/generations?model=gpt-4o&page=2',
      '/sessions',
      '/users/',
      '/dashboard',
    ]) {
      const response = await get(`${server.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
      expect(response.headers.get('content-security-policy'), path).toBe(
        UI_CONTENT_SECURITY_POLICY,
      );
      expect(await response.text(), path).toBe(INDEX);
    }
    const head = await fetch(`${server.url}/traces/abc`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(INDEX)));
    expect(await head.text()).toBe('');
  });

  it('never answers the API, ingestion paths, missing assets or other methods with the UI', async () => {
    const server = await testServer({ uiDir: fakeUi() });
    for (const path of [
      '/api/nope',
      '/api/traces/a/b',
      '/i/v0/ai/otel/unknown',
      '/batch/extra',
      '/assets/missing-abc.js',
      '/favicon.ico',
      '/robots.txt',
      '/nope',
      '/wp-admin/index.php',
    ]) {
      const response = await get(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).not.toContain('text/html');
    }
    const post = await fetch(`${server.url}/traces`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(404);
    const postRoot = await fetch(`${server.url}/`, { method: 'POST', body: '{}' });
    expect(postRoot.status).toBe(405);
    expect(postRoot.headers.get('allow')).toBe('GET, HEAD');
    // The API and ingestion keep working next to the UI.
    expect((await read(server, '/api/traces')).status).toBe(200);
    expect((await get(`${server.url}/healthz`)).status).toBe(200);
  });

  it('serves nothing outside the UI directory', async () => {
    const dir = fakeUi();
    const server = await testServer({ uiDir: dir });
    const { request } = await import('node:http');
    // Raw paths: fetch would normalise the dots away before sending.
    for (const path of [
      '/assets/../../secret.txt',
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%2fsecret.txt',
      '/assets/%00.js',
      '/..\\secret.txt',
    ]) {
      const { status, body } = await new Promise<{ status: number; body: string }>(
        (resolve, reject) => {
          request(`${server.url}${path}`, (response) => {
            let text = '';
            response.on('data', (chunk: Buffer) => (text += chunk));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
          })
            .on('error', reject)
            .end();
        },
      );
      expect(body, path).not.toContain('TOP-SECRET-CONTENT');
      // Either refused, or the SPA page (a client-side path), never the file.
      if (status === 200) expect(body, path).toBe(INDEX);
      else expect(status, path).toBe(404);
    }
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe(INDEX);
  });

  it('explains at / how to build the UI when it is not built, and everything else works', async () => {
    const empty = tempDir();
    const server = await testServer({ uiDir: empty });
    const root = await get(`${server.url}/`);
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const text = await root.text();
    expect(text).toContain('the web UI is not built');
    expect(text).toContain('pnpm --filter @llm-analytics/ui build');
    expect(text).toContain(empty);
    expect(text).toContain('/i/v0/ai/otel');
    const client = await get(`${server.url}/traces/abc`);
    expect(client.status).toBe(404);
    expect(await client.text()).toContain('not built');
    expect((await read(server, '/api/traces')).status).toBe(200);
    expect((await get(`${server.url}/healthz`)).status).toBe(200);
  });

  it('still lists the endpoints at / for clients that ask for JSON', async () => {
    const server = await testServer({ uiDir: fakeUi() });
    const response = await get(`${server.url}/`, { accept: 'application/json' });
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual(
      expect.objectContaining({
        name: 'llm-analytics',
        api: expect.arrayContaining(['/api/traces', '/api/config']),
      }),
    );
  });

  it('finds the built assets in the @llm-analytics/ui package by default', async () => {
    const dir = defaultUiDir();
    expect(dir).toBe(join(import.meta.dirname, '..', '..', 'ui', 'dist'));
    const server = await testServer();
    expect(server.uiDir).toBe(dir);
    const response = await get(`${server.url}/`);
    expect(response.status).toBe(200);
    // Built or not (the UI's build runs before the server's), `/` answers clearly.
    if (existsSync(join(dir!, 'index.html')))
      expect(await response.text()).toBe(readFileSync(join(dir!, 'index.html'), 'utf8'));
    else expect(await response.text()).toContain('not built');
  });
});

describe('GET /api/config', () => {
  it('gives the project token and ingestion paths to the read key, and to nobody else', async () => {
    const server = await testServer();
    const { status, body } = await read(server, '/api/config');
    expect(status).toBe(200);
    expect(body).toEqual({
      project_id: 'default',
      project_token: server.projectToken,
      ingest: {
        otlp_traces: '/i/v0/ai/otel',
        otlp_logs: '/i/v0/ai/otel/v1/logs',
        capture: '/batch/',
        otlp_grpc_port: null,
      },
    });
    for (const key of [null, server.projectToken, 'phx_unknown']) {
      const denied = await read<{ error: string }>(server, '/api/config', key);
      expect(denied.status).toBe(401);
      expect(JSON.stringify(denied.body)).not.toContain(server.projectToken);
    }
    expect((await read(server, '/api/config?x=1')).status).toBe(400);
  });

  it('names the OTLP/gRPC port when serve listens for gRPC', async () => {
    const server = await testServer({ grpcPort: 0 });
    expect(server.grpcPort).toBeGreaterThan(0);
    const { body } = await read<{ ingest: { otlp_grpc_port: number | null } }>(
      server,
      '/api/config',
    );
    expect(body.ingest.otlp_grpc_port).toBe(server.grpcPort);
  });

  it("answers each read key with its own project's token", async () => {
    const server = await testServer({
      projects: [
        { id: 'a', token: 'phc_project_a', readKey: 'phx_read_a' },
        { id: 'b', token: 'phc_project_b', readKey: 'phx_read_b' },
      ],
    });
    const a = await read<{ project_token: string }>(server, '/api/config', 'phx_read_a');
    const b = await read<{ project_token: string }>(server, '/api/config', 'phx_read_b');
    expect(a.body.project_token).toBe('phc_project_a');
    expect(b.body.project_token).toBe('phc_project_b');
  });
});
