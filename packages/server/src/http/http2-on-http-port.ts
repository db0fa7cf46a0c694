/**
 * HTTP/2 clients (OTLP/gRPC exporters above all) that reach the HTTP/1.1 port: instead of a
 * bare protocol error, they get an HTTP/2 answer that says where to go, and the server log
 * says it too.
 */
import { createServer, type Http2Server, type ServerHttp2Session } from 'node:http2';
import { Socket } from 'node:net';
import { Duplex } from 'node:stream';

/** The HTTP/2 connection preface (RFC 9113 §3.4); node's HTTP/1 parser stops right after it. */
const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

/** A session that stays quiet this long after its answer is closed. */
const IDLE_SESSION_MS = 5_000;
/** At most one log line per this long, with the count of the ones left out. */
const LOG_EVERY_MS = 60_000;

/** node's `clientError`, with the bytes it was parsing. */
export type ClientParseError = NodeJS.ErrnoException & { rawPacket?: Buffer; bytesParsed?: number };

/** `grpc-message` is percent-encoded outside printable ASCII (and `%` itself). */
function grpcMessage(text: string): string {
  return text.replace(/[^\x20-\x24\x26-\x7e]/gu, (char) =>
    [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase()}`).join(''),
  );
}

/**
 * Hands HTTP/2 connections off the HTTP/1.1 server to a small HTTP/2 server that answers every
 * stream with `advice()`: gRPC calls get `UNIMPLEMENTED` (exporters do not retry it), other
 * HTTP/2 requests a 505.
 */
export class Http2OnHttpPort {
  private readonly http2: Http2Server;
  private readonly sessions = new Set<ServerHttp2Session>();
  private lastLog = 0;
  private unlogged = 0;

  constructor(
    private readonly advice: () => string,
    private readonly log: (line: string) => void,
  ) {
    this.http2 = createServer();
    this.http2.on('session', (session) => {
      this.sessions.add(session);
      session.once('close', () => this.sessions.delete(session));
      session.setTimeout(IDLE_SESSION_MS, () => session.destroy());
    });
    this.http2.on('stream', (stream, headers) => {
      const message = this.advice();
      const isGrpc = String(headers['content-type'] ?? '').startsWith('application/grpc');
      // The request body is not read: drain it so the stream can end.
      stream.resume();
      stream.on('error', () => stream.destroy());
      if (isGrpc)
        stream.respond(
          {
            ':status': 200,
            'content-type': 'application/grpc',
            'grpc-status': '12',
            'grpc-message': grpcMessage(message),
          },
          { endStream: true },
        );
      else {
        stream.respond({ ':status': 505, 'content-type': 'text/plain; charset=utf-8' });
        stream.end(`${message}\n`);
      }
    });
    // A broken or hostile HTTP/2 client costs its own session, nothing else.
    this.http2.on('sessionError', () => undefined);
  }

  /** Take the connection over when node's HTTP/1 parser stopped at the HTTP/2 preface. */
  adopt(error: ClientParseError, socket: Duplex): boolean {
    if (error.code !== 'HPE_PAUSED_H2_UPGRADE' || !error.rawPacket) return false;
    this.note(socket instanceof Socket ? socket.remoteAddress : undefined);
    const rest = error.rawPacket.subarray(error.bytesParsed ?? error.rawPacket.byteLength);
    // node's HTTP/2 reads the socket's handle natively and would miss the bytes the HTTP/1
    // parser already took, so the session runs over a stream that replays them first.
    socket.removeAllListeners('data');
    const replay = new Duplex({
      read: () => socket.resume(),
      write: (chunk: Buffer, _encoding, callback) => socket.write(chunk, callback),
      final: (callback) => socket.end(callback),
      destroy: (cause, callback) => {
        socket.destroy();
        callback(cause);
      },
    });
    replay.push(Buffer.concat([PREFACE, rest]));
    socket.on('data', (chunk: Buffer) => {
      if (!replay.push(chunk)) socket.pause();
    });
    socket.on('end', () => replay.push(null));
    socket.on('close', () => replay.destroy());
    socket.on('error', () => replay.destroy());
    this.http2.emit('connection', replay);
    return true;
  }

  private note(from: string | undefined): void {
    const now = Date.now();
    if (now - this.lastLog < LOG_EVERY_MS) {
      this.unlogged++;
      return;
    }
    const more = this.unlogged ? ` (and ${this.unlogged} more since the last line)` : '';
    this.unlogged = 0;
    this.lastLog = now;
    this.log(
      `an HTTP/2 (gRPC?) client${from ? ` from ${from}` : ''} connected to the HTTP port${more}: ${this.advice()}`,
    );
  }

  /** Cut every adopted connection (server shutdown). */
  close(): void {
    for (const session of this.sessions) session.destroy();
    this.http2.close();
  }
}
