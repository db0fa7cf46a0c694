import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fixture, post, postTraces, readEvents, testServer } from './helpers';

/** google.rpc.Status { code = 1; message = 2 }: read the message back out of the protobuf. */
function statusMessage(bytes: Uint8Array): string {
  let offset = 0;
  const varint = () => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[offset++]!;
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  while (offset < bytes.length) {
    const tag = varint();
    if (tag === 0x08) varint();
    else if (tag === 0x12) {
      const length = varint();
      return Buffer.from(bytes.subarray(offset, offset + length)).toString('utf8');
    }
  }
  return '';
}

describe('OTLP endpoint errors', () => {
  it('401 without a token and with an unknown one', async () => {
    const server = await testServer();
    const missing = await postTraces(server, fixture('chat.traces.json'), 'json', { token: null });
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { message: string }).message).toMatch(
      /missing project token/,
    );
    const wrong = await postTraces(server, fixture('chat.traces.json'), 'json', {
      token: 'phc_wrong',
    });
    expect(wrong.status).toBe(401);
    // The read key is not a write token either.
    const readKey = await postTraces(server, fixture('chat.traces.json'), 'json', {
      token: server.readKey,
    });
    expect(readKey.status).toBe(401);
    expect(await readEvents(server)).toEqual([]);
  });

  it('401 bodies are a protobuf google.rpc.Status for protobuf requests', async () => {
    const server = await testServer();
    const response = await postTraces(server, fixture('chat.traces.pb'), 'pb', {
      token: 'phc_wrong',
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/x-protobuf');
    expect(statusMessage(new Uint8Array(await response.arrayBuffer()))).toBe(
      'unknown project token',
    );
  });

  it('413 for a body over the limit on the wire', async () => {
    const server = await testServer({ maxBodyBytes: 64 * 1024 });
    const response = await postTraces(server, new Uint8Array(64 * 1024 + 1), 'pb');
    expect(response.status).toBe(413);
    expect(statusMessage(new Uint8Array(await response.arrayBuffer()))).toMatch(
      /exceeds the 65536 bytes limit/,
    );
    // Without a content-length the limit still holds while streaming.
    const chunked = await fetch(`${server.url}/i/v0/ai/otel`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.projectToken}`,
        'content-type': 'application/json',
      },
      body: new ReadableStream({
        start(controller) {
          for (let index = 0; index < 20; index++) controller.enqueue(new Uint8Array(8 * 1024));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as { message: string }).message).toBe(
      'request body exceeds the 65536 bytes limit',
    );
  });

  it('413 for the default 4 MiB limit', async () => {
    const server = await testServer();
    const response = await postTraces(server, new Uint8Array(4 * 1024 * 1024 + 1), 'pb');
    expect(response.status).toBe(413);
  });

  it('413 for a gzip body that decompresses over the limit', async () => {
    const server = await testServer();
    // 5 MiB of JSON whitespace: small on the wire, over 4 MiB inflated.
    const body = gzipSync(Buffer.alloc(5 * 1024 * 1024, 0x20));
    expect(body.byteLength).toBeLessThan(64 * 1024);
    const response = await post(`${server.url}/i/v0/ai/otel`, body, {
      token: server.projectToken,
      contentType: 'application/json',
      headers: { 'content-encoding': 'gzip' },
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { message: string }).message).toMatch(
      /decompressed request body exceeds the 4 MiB limit/,
    );
  });

  it('refuses a gzip bomb early, without inflating it', async () => {
    const server = await testServer();
    // 2 GiB of zeros would take seconds and gigabytes to inflate: ~2 MiB on the wire.
    const chunk = gzipSync(Buffer.alloc(256 * 1024 * 1024));
    const bomb = Buffer.concat(Array.from({ length: 8 }, () => chunk)); // concatenated gzip members
    expect(bomb.byteLength).toBeLessThan(4 * 1024 * 1024);
    const started = performance.now();
    const response = await post(`${server.url}/i/v0/ai/otel`, bomb, {
      token: server.projectToken,
      contentType: 'application/x-protobuf',
      headers: { 'content-encoding': 'gzip' },
    });
    expect(response.status).toBe(413);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('400 for malformed protobuf and JSON, with what was wrong', async () => {
    const server = await testServer();
    const pb = await postTraces(
      server,
      Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]),
      'pb',
    );
    expect(pb.status).toBe(400);
    expect(statusMessage(new Uint8Array(await pb.arrayBuffer()))).toMatch(
      /^malformed OTLP traces request: /,
    );
    const json = await postTraces(server, '{"resourceSpans": [', 'json');
    expect(json.status).toBe(400);
    expect(((await json.json()) as { message: string }).message).toMatch(
      /^malformed OTLP traces request: .*JSON/i,
    );
    const shape = await postTraces(server, '{"resourceSpans": 5}', 'json');
    expect(shape.status).toBe(400);
    expect(((await shape.json()) as { message: string }).message).toMatch(/resourceSpans/);
    const gzip = await postTraces(server, 'not gzip', 'json', {
      headers: { 'content-encoding': 'gzip' },
    });
    expect(gzip.status).toBe(400);
  });

  it('415 for another content type or encoding', async () => {
    const server = await testServer();
    const type = await postTraces(server, 'x', 'json', { contentType: 'text/plain' });
    expect(type.status).toBe(415);
    expect(((await type.json()) as { message: string }).message).toMatch(
      /application\/x-protobuf or application\/json/,
    );
    const encoding = await postTraces(server, 'x', 'json', {
      headers: { 'content-encoding': 'br' },
    });
    expect(encoding.status).toBe(415);
  });

  it('404 on /v1/traces with a hint to use the traces-specific endpoint', async () => {
    const server = await testServer();
    const response = await postTraces(server, fixture('chat.traces.json'), 'json');
    expect(response.status).toBe(200);
    const general = await post(`${server.url}/v1/traces`, fixture('chat.traces.json'), {
      token: server.projectToken,
      contentType: 'application/json',
    });
    expect(general.status).toBe(404);
    expect(((await general.json()) as { message: string }).message).toMatch(
      /traces go to \/i\/v0\/ai\/otel \(set OTEL_EXPORTER_OTLP_TRACES_ENDPOINT/,
    );
  });

  it('405 for a GET on an ingestion path, 404 elsewhere; the server keeps serving', async () => {
    const server = await testServer();
    const get = await fetch(`${server.url}/i/v0/ai/otel`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    expect((await postTraces(server, fixture('chat.traces.pb'), 'pb')).status).toBe(200);
  });
});
