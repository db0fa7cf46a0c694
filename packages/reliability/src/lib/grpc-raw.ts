/**
 * Raw gRPC over node:http2 (any header, any length prefix, any flag byte: a gRPC library
 * refuses to send most of them) and raw TCP bytes for the gRPC port.
 */
import { connect as connectHttp2, constants, type ClientHttp2Session } from 'node:http2';
import { connect as connectTcp } from 'node:net';

/** A gRPC length-prefixed message: flag byte, 4-byte big-endian length, bytes. */
export function grpcFrame(
  message: Uint8Array,
  options: { flag?: number; declaredLength?: number } = {},
): Uint8Array {
  const frame = Buffer.alloc(5 + message.byteLength);
  frame[0] = options.flag ?? 0;
  frame.writeUInt32BE(options.declaredLength ?? message.byteLength, 1);
  frame.set(message, 5);
  return frame;
}

export interface Http2Request {
  path: string;
  method?: string;
  headers: Record<string, string | string[]>;
  body: Uint8Array;
  timeoutMs: number;
}

export type Http2Answer =
  | {
      ok: true;
      httpStatus: number;
      /** From the trailers, or the headers of a trailers-only answer. */
      grpcStatus: number | undefined;
      grpcMessage: string;
      ms: number;
    }
  | { ok: false; error: string; timedOut: boolean; ms: number };

/** One HTTP/2 connection to the gRPC port, reopened when the server closed it. Never rejects. */
export class Http2Client {
  private session: ClientHttp2Session | undefined;

  constructor(private readonly url: string) {}

  private current(): ClientHttp2Session {
    if (!this.session || this.session.destroyed || this.session.closed) {
      this.session = connectHttp2(this.url);
      // Connection-level failures show up on the streams.
      this.session.on('error', () => undefined);
    }
    return this.session;
  }

  request(request: Http2Request): Promise<Http2Answer> {
    const started = Date.now();
    return new Promise((resolve) => {
      let stream;
      try {
        stream = this.current().request({
          ':method': request.method ?? 'POST',
          ':path': request.path,
          ...request.headers,
        });
      } catch (error) {
        resolve({ ok: false, error: String(error), timedOut: false, ms: Date.now() - started });
        return;
      }
      let settled = false;
      // Stream events come after this function returns, when `timer` is set.
      const done = (answer: Http2Answer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(answer);
      };
      let httpStatus = 0;
      let grpcStatus: number | undefined;
      let grpcMessage = '';
      const readStatus = (headers: Record<string, unknown>) => {
        if (headers['grpc-status'] === undefined) return;
        grpcStatus = Number(headers['grpc-status']);
        grpcMessage = String(headers['grpc-message'] ?? '');
      };
      stream.on('response', (headers) => {
        httpStatus = Number(headers[':status']);
        readStatus(headers);
      });
      stream.on('trailers', readStatus);
      stream.on('error', () => undefined);
      stream.resume();
      stream.on('close', () => {
        const ms = Date.now() - started;
        if (httpStatus) done({ ok: true, httpStatus, grpcStatus, grpcMessage, ms });
        else
          done({ ok: false, error: `stream reset (code ${stream.rstCode})`, timedOut: false, ms });
      });
      const timer = setTimeout(() => {
        stream.close(constants.NGHTTP2_CANCEL);
        done({ ok: false, error: 'no answer', timedOut: true, ms: Date.now() - started });
      }, request.timeoutMs);
      stream.end(Buffer.from(request.body));
    });
  }

  close(): void {
    this.session?.destroy();
  }
}

export type SocketOutcome = 'answered' | 'closed' | 'waiting' | 'refused';

/**
 * Send raw bytes to a port. `answered`: the server wrote something; `closed`: it closed
 * without a word; `waiting`: still open after `waitMs` (we close it); `refused`: no connection.
 */
export function sendRawBytes(
  port: number,
  bytes: Uint8Array,
  waitMs: number,
): Promise<SocketOutcome> {
  return new Promise((resolve) => {
    let received = 0;
    let settled = false;
    const socket = connectTcp({ host: '127.0.0.1', port });
    const done = (outcome: SocketOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => done(received ? 'answered' : 'waiting'), waitMs);
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => (received += chunk.byteLength));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      done(error.code === 'ECONNREFUSED' ? 'refused' : received ? 'answered' : 'closed'),
    );
    socket.on('close', () => done(received ? 'answered' : 'closed'));
  });
}
