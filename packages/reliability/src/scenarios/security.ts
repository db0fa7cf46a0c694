/**
 * Security: project tokens cannot read; one project's read key sees nothing of another's;
 * missing or wrong credentials get 401; CORS lets any origin write with a token but never
 * read; slow or stalled clients are cut off by timeouts while others are still served.
 * Figures: cases tried, cases that let anyone through (or broke the promise).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AI_GENERATION } from '@llm-analytics/core/semconv';
import { startServer, type RunningServer } from '@llm-analytics/server';
import type { Log, ScenarioResult } from '../lib/figures';
import { rawRequest } from '../lib/http';
import { SpanFactory, toProtobuf } from '../lib/spans';
import { sleep } from '../lib/time';

export interface SecurityOptions {
  /** Server timeouts; the full form uses the server's defaults. */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Slow connections of each kind opened at once. */
  slowConnections: number;
  log?: Log;
}

const READ_PATHS = [
  '/api/events',
  '/api/traces',
  '/api/generations',
  '/api/sessions',
  '/api/users',
  '/api/dashboard',
];
const INGEST_PATHS = [
  '/i/v0/ai/otel',
  '/i/v0/ai/otel/v1/traces',
  '/i/v0/ai/otel/v1/logs',
  '/batch/',
  '/i/v0/e/',
  '/capture/',
  '/e/',
];

class Checks {
  cases = 0;
  readonly breaches: string[] = [];

  check(name: string, ok: boolean, detail = ''): void {
    this.cases++;
    if (!ok) this.breaches.push(`${name}${detail ? `: ${detail}` : ''}`);
  }
}

const corsHeaders = (headers: Record<string, string | string[] | undefined>) =>
  Object.keys(headers).filter((name) => name.startsWith('access-control-'));

/** Open a raw connection. */
function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

function whenClosed(socket: Socket): Promise<number> {
  const started = Date.now();
  socket.on('error', () => undefined);
  socket.resume();
  return new Promise((resolve) => socket.once('close', () => resolve(Date.now() - started)));
}

async function seed(
  server: RunningServer,
  project: { token: string },
  marker: string,
  spans: SpanFactory,
): Promise<string> {
  // OTLP: real spans with the marker as distinct id and content.
  const otlp = spans.chats(3, { distinctId: marker, textBytes: 40 });
  const answer = await rawRequest(server.url, {
    path: '/i/v0/ai/otel',
    headers: { 'content-type': 'application/x-protobuf', authorization: `Bearer ${project.token}` },
    body: toProtobuf(otlp),
  });
  if (!answer.ok || answer.status !== 200)
    throw new Error(`seeding OTLP failed: ${answer.ok ? answer.status : answer.error}`);
  const capture = await rawRequest(server.url, {
    path: '/batch/',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      api_key: project.token,
      batch: [
        {
          event: AI_GENERATION,
          distinct_id: marker,
          properties: {
            $ai_trace_id: `${marker}-trace`,
            $ai_model: 'm',
            $ai_input: [{ role: 'user', content: `${marker} secret` }],
            token: project.token,
          },
        },
      ],
    }),
  });
  if (!capture.ok || capture.status !== 200) throw new Error('seeding capture failed');
  return otlp[0]!.spanContext().traceId;
}

export async function runSecurity(options: SecurityOptions): Promise<ScenarioResult> {
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'llm-analytics-security-'));
  const secret = () => randomBytes(12).toString('hex');
  const projects = [
    { id: 'project-a', token: `phc_a${secret()}`, readKey: `phx_a${secret()}` },
    { id: 'project-b', token: `phc_b${secret()}`, readKey: `phx_b${secret()}` },
  ] as const;
  const [a, b] = projects;
  const server = await startServer({
    port: 0,
    dbPath: join(dir, 'security.duckdb'),
    projects: [...projects],
    ...(options.headersTimeoutMs ? { headersTimeoutMs: options.headersTimeoutMs } : {}),
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
  });
  const spans = new SpanFactory();
  const checks = new Checks();
  const sockets: Socket[] = [];
  try {
    const markerA = `secret-a-${secret()}`;
    const markerB = `visible-b-${secret()}`;
    const traceA = await seed(server, a, markerA, spans);
    await seed(server, b, markerB, spans);
    const get = (path: string, headers: Record<string, string> = {}) =>
      rawRequest(server.url, { method: 'GET', path, headers });

    // Read API: credentials.
    const badCredentials: Array<[string, Record<string, string>]> = [
      ['no credentials', {}],
      ['a wrong key', { authorization: 'Bearer phx_wrong' }],
      ["project A's token", { authorization: `Bearer ${a.token}` }],
      ["project B's token", { authorization: `Bearer ${b.token}` }],
      [
        'Basic auth with the read key',
        { authorization: `Basic ${Buffer.from(`${a.readKey}:`).toString('base64')}` },
      ],
      ['an empty bearer', { authorization: 'Bearer ' }],
      ['the read key without a scheme', { authorization: a.readKey }],
      ['two keys', { authorization: `Bearer ${a.token} ${a.readKey}` }],
    ];
    for (const path of [...READ_PATHS, `/api/traces/${traceA}`]) {
      for (const [what, headers] of badCredentials) {
        const answer = await get(path, { ...headers, origin: 'https://evil.example' });
        checks.check(
          `GET ${path} with ${what} → 401`,
          answer.ok && answer.status === 401,
          answer.ok ? String(answer.status) : answer.error,
        );
        if (answer.ok)
          checks.check(
            `GET ${path} with ${what}: no CORS headers`,
            corsHeaders(answer.headers).length === 0,
            corsHeaders(answer.headers).join(','),
          );
      }
      const viaQuery = await get(`${path}${path.includes('?') ? '&' : '?'}api_key=${a.readKey}`);
      checks.check(
        `GET ${path} with the key in the query → 401 or 400`,
        viaQuery.ok && (viaQuery.status === 401 || viaQuery.status === 400),
      );
    }

    // Read API: isolation. A's own key sees A (else the isolation checks prove nothing).
    const seesA = await get(`/api/events?distinct_id=${markerA}`, {
      authorization: `Bearer ${a.readKey}`,
    });
    if (!seesA.ok || !seesA.body.toString().includes(markerA))
      throw new Error(
        'project A cannot read its own events: the isolation checks would be vacuous',
      );
    for (const path of [
      ...READ_PATHS,
      `/api/events?distinct_id=${markerA}`,
      `/api/events?trace_id=${traceA}`,
      `/api/traces/${traceA}`,
      `/api/generations?search=${markerA}`,
      `/api/traces?search=${markerA}`,
      `/api/sessions?distinct_id=${markerA}`,
      `/api/users?search=${markerA}`,
      '/api/dashboard?bucket=minute',
    ]) {
      const answer = await get(path, { authorization: `Bearer ${b.readKey}` });
      // The path's own trace id may be echoed in a 404; nothing else of A may appear.
      const text = answer.ok ? answer.body.toString('utf8').replace(`no trace ${traceA}`, '') : '';
      checks.check(
        `B's read key on ${path} sees nothing of A`,
        answer.ok &&
          answer.status < 500 &&
          !text.includes(markerA) &&
          !text.includes(traceA) &&
          !text.includes('project-a'),
        answer.ok ? `${answer.status} ${text.slice(0, 120)}` : answer.error,
      );
    }
    const dashboardB = await get('/api/dashboard', { authorization: `Bearer ${b.readKey}` });
    const totals = JSON.parse(dashboardB.ok ? dashboardB.body.toString() : '{}') as {
      totals?: { requests?: number };
    };
    checks.check(
      "B's dashboard counts only B's generations",
      totals.totals?.requests === 4,
      JSON.stringify(totals.totals),
    );
    const stored = await get('/api/events?limit=1000', { authorization: `Bearer ${a.readKey}` });
    checks.check(
      'stored events never contain the project token',
      stored.ok && !stored.body.toString().includes(a.token),
    );

    // Ingestion: credentials.
    const body = toProtobuf(spans.chats(1, { distinctId: 'intruder' }));
    for (const path of ['/i/v0/ai/otel', '/i/v0/ai/otel/v1/logs']) {
      for (const [what, authorization] of [
        ['no credentials', undefined],
        ['a wrong token', 'Bearer phc_wrong'],
        ["A's read key", `Bearer ${a.readKey}`],
        ['Basic auth', `Basic ${Buffer.from(`${a.token}:`).toString('base64')}`],
      ] as const) {
        const answer = await rawRequest(server.url, {
          path,
          headers: {
            'content-type': 'application/x-protobuf',
            ...(authorization ? { authorization } : {}),
          },
          body,
        });
        checks.check(
          `POST ${path} with ${what} → 401`,
          answer.ok && answer.status === 401,
          answer.ok ? String(answer.status) : answer.error,
        );
      }
    }
    for (const [what, apiKey] of [
      ['no api_key', undefined],
      ['a wrong api_key', 'phc_wrong'],
      ["A's read key as api_key", a.readKey],
    ] as const) {
      const answer = await rawRequest(server.url, {
        path: '/batch/',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...(apiKey ? { api_key: apiKey } : {}),
          batch: [{ event: AI_GENERATION, distinct_id: 'intruder', properties: {} }],
        }),
      });
      checks.check(
        `POST /batch/ with ${what} → 401`,
        answer.ok && answer.status === 401,
        answer.ok ? String(answer.status) : answer.error,
      );
    }
    for (const project of projects) {
      const intruder = await get('/api/events?distinct_id=intruder', {
        authorization: `Bearer ${project.readKey}`,
      });
      checks.check(
        `nothing refused was stored in ${project.id}`,
        intruder.ok && !intruder.body.toString().includes('intruder'),
      );
    }

    // CORS: any origin writes, nobody reads.
    for (const path of INGEST_PATHS) {
      const preflight = await rawRequest(server.url, {
        method: 'OPTIONS',
        path,
        headers: {
          origin: 'https://any.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, authorization',
        },
      });
      const headers = preflight.ok ? preflight.headers : {};
      checks.check(
        `OPTIONS ${path} → 204 allowing any origin to POST`,
        preflight.ok &&
          preflight.status === 204 &&
          headers['access-control-allow-origin'] === '*' &&
          headers['access-control-allow-methods'] === 'POST' &&
          headers['access-control-allow-headers'] ===
            'content-type, content-encoding, authorization' &&
          Number(headers['access-control-max-age']) > 0 &&
          headers['access-control-allow-credentials'] === undefined,
        JSON.stringify(headers),
      );
    }
    const writes: Array<[string, Parameters<typeof rawRequest>[1]]> = [
      [
        'a capture batch as text/plain',
        {
          path: '/batch/',
          headers: { 'content-type': 'text/plain', origin: 'https://any.example' },
          body: JSON.stringify({
            api_key: a.token,
            batch: [{ event: AI_GENERATION, distinct_id: 'cors', properties: {} }],
          }),
        },
      ],
      [
        'malformed JSON',
        {
          path: '/i/v0/e/',
          headers: { 'content-type': 'text/plain', origin: 'https://any.example' },
          body: '{',
        },
      ],
      [
        'a wrong token',
        {
          path: '/i/v0/ai/otel',
          headers: {
            'content-type': 'application/x-protobuf',
            authorization: 'Bearer phc_wrong',
            origin: 'https://any.example',
          },
          body,
        },
      ],
      [
        'a wrong content type',
        {
          path: '/i/v0/ai/otel',
          headers: {
            'content-type': 'text/html',
            authorization: `Bearer ${a.token}`,
            origin: 'https://any.example',
          },
          body,
        },
      ],
      [
        'an oversized body',
        {
          path: '/capture/',
          headers: {
            'content-type': 'application/json',
            origin: 'https://any.example',
            'content-length': String(5 * 1024 * 1024),
          },
          body: '{}',
        },
      ],
      [
        'an OTLP export',
        {
          path: '/i/v0/ai/otel',
          headers: {
            'content-type': 'application/x-protobuf',
            authorization: `Bearer ${a.token}`,
            origin: 'https://any.example',
          },
          body,
        },
      ],
    ];
    for (const [what, request] of writes) {
      const answer = await rawRequest(server.url, request);
      checks.check(
        `POST with ${what}: Access-Control-Allow-Origin: *, no credentials`,
        answer.ok &&
          answer.headers['access-control-allow-origin'] === '*' &&
          answer.headers['access-control-allow-credentials'] === undefined,
        answer.ok ? `${answer.status} ${JSON.stringify(answer.headers)}` : answer.error,
      );
    }
    for (const path of READ_PATHS) {
      const preflight = await rawRequest(server.url, {
        method: 'OPTIONS',
        path,
        headers: {
          origin: 'https://evil.example',
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
      checks.check(
        `OPTIONS ${path}: no CORS headers`,
        preflight.ok && corsHeaders(preflight.headers).length === 0 && preflight.status !== 204,
        preflight.ok
          ? `${preflight.status} ${corsHeaders(preflight.headers).join(',')}`
          : preflight.error,
      );
      const read = await get(path, {
        authorization: `Bearer ${a.readKey}`,
        origin: 'https://evil.example',
      });
      checks.check(
        `GET ${path} with a valid key from another origin: no CORS headers`,
        read.ok && corsHeaders(read.headers).length === 0,
      );
    }

    // Slow and stalled clients.
    const headersMs = options.headersTimeoutMs ?? 10_000;
    const requestMs = options.requestTimeoutMs ?? 30_000;
    log(
      `  ${options.slowConnections * 3} slow connections (headers timeout ${headersMs} ms, request timeout ${requestMs} ms)`,
    );
    const trickles: Array<Promise<number>> = [];
    const stalls: Array<Promise<number>> = [];
    const idles: Array<Promise<number>> = [];
    const trickleTimers: Array<ReturnType<typeof setInterval>> = [];
    for (let index = 0; index < options.slowConnections; index++) {
      const trickle = await open(server.url);
      sockets.push(trickle);
      trickles.push(whenClosed(trickle));
      trickle.write('POST /batch/ HTTP/1.1\r\nHost: x\r\n');
      trickleTimers.push(
        setInterval(
          () => trickle.writable && trickle.write(`X-${index}: y\r\n`),
          Math.max(50, headersMs / 10),
        ),
      );
      const stall = await open(server.url);
      sockets.push(stall);
      stalls.push(whenClosed(stall));
      stall.write(
        `POST /i/v0/ai/otel HTTP/1.1\r\nHost: x\r\nauthorization: Bearer ${a.token}\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{"resourceSpans":`,
      );
      const idle = await open(server.url);
      sockets.push(idle);
      idles.push(whenClosed(idle));
    }
    try {
      // Others are served meanwhile, promptly.
      const deadline = Date.now() + Math.min(headersMs, 5000);
      let served = 0;
      while (Date.now() < deadline && served < 50) {
        const answer = await get('/api/events?limit=1', { authorization: `Bearer ${a.readKey}` });
        checks.check(
          'a normal request while slow clients hold connections is answered within 1 s',
          answer.ok && answer.status === 200 && answer.ms < 1000,
          answer.ok ? `${answer.status} in ${answer.ms} ms` : answer.error,
        );
        served++;
        await sleep(50);
      }
      const bound = (timeoutMs: number) => timeoutMs + 2500;
      const settle = <T>(promise: Promise<T>, ms: number) =>
        Promise.race([promise, sleep(ms).then(() => undefined)]);
      const [trickled, stalled, idled] = await Promise.all([
        Promise.all(trickles.map((closed) => settle(closed, bound(headersMs) + 1000))),
        Promise.all(stalls.map((closed) => settle(closed, bound(requestMs) + 1000))),
        Promise.all(idles.map((closed) => settle(closed, bound(headersMs) + 1000))),
      ]);
      for (const ms of trickled)
        checks.check(
          'trickled headers are cut off by the headers timeout',
          ms !== undefined && ms <= bound(headersMs),
          `${ms ?? 'still open'}`,
        );
      for (const ms of stalled)
        checks.check(
          'a stalled body is cut off by the request timeout',
          ms !== undefined && ms <= bound(requestMs),
          `${ms ?? 'still open'}`,
        );
      for (const ms of idled)
        checks.check(
          'an idle connection is closed by the headers timeout',
          ms !== undefined && ms <= bound(headersMs),
          `${ms ?? 'still open'}`,
        );
      const after = await get('/healthz');
      checks.check(
        'the server answers after the slow clients are gone',
        after.ok && after.status === 200,
      );
    } finally {
      for (const timer of trickleTimers) clearInterval(timer);
    }
    return {
      figures: { 'security.cases': checks.cases, 'security.breaches': checks.breaches.length },
      details: { breaches: checks.breaches.slice(0, 30) },
      problems: [],
    };
  } finally {
    for (const socket of sockets) socket.destroy();
    await spans.shutdown().catch(() => undefined);
    await server.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
