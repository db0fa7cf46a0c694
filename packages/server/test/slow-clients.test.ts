import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { testServer } from './helpers';

/** Open a raw connection; resolves when connected. */
function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.on('error', reject);
  });
}

/** Resolves with what the server wrote and how long it took to close the connection. */
function closed(socket: Socket): Promise<{ ms: number; text: string }> {
  const started = Date.now();
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return new Promise((resolve) => {
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ ms: Date.now() - started, text }));
  });
}

describe('slow and stalled clients', () => {
  it('cuts off trickled headers and stalled bodies, and keeps serving others meanwhile', async () => {
    const server = await testServer({ headersTimeoutMs: 500, requestTimeoutMs: 1000 });
    const trickle = await open(server.url);
    const trickleClosed = closed(trickle);
    trickle.write('POST /batch/ HTTP/1.1\r\nHost: x\r\n');
    const timer = setInterval(() => trickle.writable && trickle.write('X-Slow: 1\r\n'), 100);
    const stall = await open(server.url);
    const stallClosed = closed(stall);
    stall.write(
      'POST /batch/ HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"api_key":',
    );
    const idle = await open(server.url);
    const idleClosed = closed(idle);
    try {
      const started = Date.now();
      const healthy = await fetch(`${server.url}/healthz`);
      expect(healthy.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(500);
      const [trickled, stalled, idled] = await Promise.all([
        trickleClosed,
        stallClosed,
        idleClosed,
      ]);
      // Node checks timeouts once a second: each is cut within its timeout plus that interval.
      expect(trickled.ms).toBeLessThan(3000);
      expect(stalled.ms).toBeLessThan(3500);
      expect(stalled.text).toMatch(/^HTTP\/1\.1 408/);
      expect(idled.ms).toBeLessThan(3000);
    } finally {
      clearInterval(timer);
      for (const socket of [trickle, stall, idle]) socket.destroy();
    }
  });
});
