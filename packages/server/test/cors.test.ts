import { describe, expect, it } from 'vitest';
import { post, read, testServer } from './helpers';

const ORIGIN = { origin: 'https://app.example.com' };

function corsHeaders(response: Response): Record<string, string> {
  return Object.fromEntries(
    [...response.headers.entries()].filter(([name]) => name.startsWith('access-control-')),
  );
}

describe('CORS', () => {
  it('answers a preflight on every ingestion endpoint with 204 and what browsers need', async () => {
    const server = await testServer();
    for (const path of [
      '/i/v0/ai/otel',
      '/i/v0/ai/otel/v1/traces',
      '/i/v0/ai/otel/v1/logs',
      '/batch/',
      '/batch',
      '/i/v0/e/',
      '/capture/',
      '/e/',
    ]) {
      const response = await fetch(`${server.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          ...ORIGIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
      expect(response.status, path).toBe(204);
      expect(corsHeaders(response), path).toEqual({
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'content-type, content-encoding, authorization',
        'access-control-max-age': '7200',
      });
    }
  });

  it('puts Access-Control-Allow-Origin on every ingestion answer, errors included, never credentials', async () => {
    const server = await testServer({ maxBodyBytes: 1024 });
    const capture = (body: string, headers: Record<string, string> = {}) =>
      post(`${server.url}/batch/`, body, { headers: { ...ORIGIN, ...headers } });
    const answers = [
      // JSON sent as text/plain (a "simple" request, no preflight) is accepted.
      await capture(
        JSON.stringify({
          api_key: server.projectToken,
          batch: [{ event: '$ai_generation', distinct_id: 'u', properties: {} }],
        }),
        { 'content-type': 'text/plain' },
      ),
      await capture('{not json', { 'content-type': 'text/plain' }),
      await capture(JSON.stringify({ api_key: 'phc_wrong', batch: [] })),
      await capture('x'.repeat(2048)),
      await post(`${server.url}/i/v0/ai/otel`, 'x', {
        token: server.projectToken,
        contentType: 'text/plain',
        headers: ORIGIN,
      }),
      await post(`${server.url}/i/v0/ai/otel/v1/logs`, '{}', {
        contentType: 'application/json',
        headers: ORIGIN,
      }),
    ];
    expect(answers.map((response) => response.status)).toEqual([200, 400, 401, 413, 415, 401]);
    for (const response of answers)
      expect(corsHeaders(response)).toEqual({ 'access-control-allow-origin': '*' });
  });

  it('sends no CORS header from the read API, so no other origin can read it', async () => {
    const server = await testServer();
    for (const key of [server.readKey, null, 'phx_wrong']) {
      const response = await fetch(`${server.url}/api/events`, {
        headers: { ...ORIGIN, ...(key ? { authorization: `Bearer ${key}` } : {}) },
      });
      expect(response.status).toBe(key === server.readKey ? 200 : 401);
      expect(corsHeaders(response)).toEqual({});
    }
    const preflight = await fetch(`${server.url}/api/events`, {
      method: 'OPTIONS',
      headers: { ...ORIGIN, 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).not.toBe(204);
    expect(corsHeaders(preflight)).toEqual({});
    expect((await read(server, '/api/events')).status).toBe(200);
  });
});
