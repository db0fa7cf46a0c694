import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { testServer } from './helpers';

/** Resolves once what the server wrote matches `pattern`. */
function readUntil(socket: Socket, received: { text: string }, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (pattern.test(received.text)) {
        socket.off('data', check);
        socket.off('close', closed);
        resolve();
      }
    };
    const closed = () => reject(new Error(`closed before ${pattern}; got: ${received.text}`));
    socket.on('data', check);
    socket.once('close', closed);
    check();
  });
}

function write(socket: Socket, bytes: Buffer | string): Promise<void> {
  return new Promise((resolve, reject) =>
    socket.write(bytes, (error) => (error ? reject(error) : resolve())),
  );
}

describe('an answer given before the body is read', () => {
  it('is followed by a drain of the rest of the upload, not a reset: the client keeps sending, reads the 413, and the connection serves the next request', async () => {
    const server = await testServer();
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    const received = { text: '' };
    const errors: string[] = [];
    socket.on('data', (chunk: Buffer) => (received.text += chunk.toString('latin1')));
    socket.on('error', (error: NodeJS.ErrnoException) => errors.push(error.code ?? error.message));
    await new Promise((resolve) => socket.once('connect', resolve));
    // 6 MiB announced, over the 4 MiB limit: refused before a byte of the body is read.
    const length = 6 * 1024 * 1024;
    await write(
      socket,
      `POST /batch/ HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${length}\r\n\r\n`,
    );
    await readUntil(socket, received, /exceeds the 4 MiB limit/);
    expect(received.text).toMatch(/^HTTP\/1\.1 413 /);
    // The client was still sending: the rest of its upload goes through, as it would from a
    // client that writes the whole body before reading the answer.
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    for (let sent = 0; sent < length; sent += chunk.length) await write(socket, chunk);
    await write(socket, 'GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n');
    await readUntil(socket, received, /HTTP\/1\.1 \d{3}[^]*HTTP\/1\.1 \d{3}/);
    socket.destroy();
    expect(errors).toEqual([]);
  });
});
