/**
 * OTLP/gRPC: `TraceService/Export` and `LogsService/Export` on their own port, answered by the
 * same ingestion functions as OTLP/HTTP (auth, limits, partial success, status codes).
 */
import {
  Server,
  ServerCredentials,
  ServerInterceptingCall,
  status,
  type sendUnaryData,
  type ServerInterceptor,
  type ServerUnaryCall,
  type ServiceDefinition,
  type StatusObject,
} from '@grpc/grpc-js';
import { encodeLogsServiceResponse } from '@llm-analytics/core/otlp';
import { HttpError } from '../http/http-error';
import { writerProjectForMetadata, type IngestContext } from '../ingest/ingest-context';
import { grpcCode } from '../ingest/otlp-format';
import { ingestLogs } from '../ingest/otlp-logs';
import { encodeTracesResponse, ingestTraces } from '../ingest/otlp-traces';

export const GRPC_TRACES_METHOD = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';
export const GRPC_LOGS_METHOD = '/opentelemetry.proto.collector.logs.v1.LogsService/Export';

/**
 * Connections are closed (GOAWAY) after this long, and given this long to finish their calls:
 * no client holds one forever (exporters reconnect on their next export).
 */
const MAX_CONNECTION_AGE_MS = 10 * 60_000;

const passThrough = (bytes: Buffer): Buffer => bytes;

/**
 * A unary method whose messages stay raw bytes: core's protobufjs decoder reads them, so the
 * server needs no second copy of the OTLP schema (and no proto-loader).
 */
function rawUnaryMethod(path: string) {
  return {
    path,
    requestStream: false,
    responseStream: false,
    requestSerialize: passThrough,
    requestDeserialize: passThrough,
    responseSerialize: passThrough,
    responseDeserialize: passThrough,
  } as const;
}

const OTLP_SERVICE: ServiceDefinition = {
  exportTraces: rawUnaryMethod(GRPC_TRACES_METHOD),
  exportLogs: rawUnaryMethod(GRPC_LOGS_METHOD),
};

/**
 * A call whose request message has not arrived within `timeoutMs` is ended with
 * DEADLINE_EXCEEDED: a stalled upload holds nothing for long (the HTTP port's 408).
 */
function requestArrivesWithin(timeoutMs: number): ServerInterceptor {
  return (_method, call) => {
    let timer: NodeJS.Timeout | undefined;
    const stop = () => clearTimeout(timer);
    return new ServerInterceptingCall(call, {
      start: (next) => {
        timer = setTimeout(
          () =>
            call.sendStatus({
              code: status.DEADLINE_EXCEEDED,
              details: `the request did not arrive within ${timeoutMs} ms`,
            }),
          timeoutMs,
        );
        timer.unref();
        next({
          onReceiveMessage: (message, nextMessage) => {
            stop();
            nextMessage(message);
          },
          onCancel: stop,
        });
      },
      sendStatus: (answer, nextStatus) => {
        stop();
        nextStatus(answer);
      },
    });
  };
}

export interface GrpcReceiverOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /**
   * A call's request must arrive within this long, and a connection without a call for this
   * long is closed, one that never finished its HTTP/2 preface included (the gRPC side of the
   * HTTP port's request timeout).
   */
  requestTimeoutMs: number;
}

/** The gRPC status for a failed export: the HTTP handlers' errors keep their meaning. */
function toStatus(
  error: unknown,
  method: string,
  log: (line: string) => void,
): Partial<StatusObject> {
  if (error instanceof HttpError) return { code: grpcCode(error.status), details: error.message };
  log(
    `internal error on gRPC ${method}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  return { code: status.INTERNAL, details: 'internal server error' };
}

/** A listening OTLP/gRPC receiver. */
export class OtlpGrpcReceiver {
  private closing = false;
  private inFlight = 0;
  private drained: (() => void) | undefined;

  private constructor(
    private readonly server: Server,
    private readonly context: IngestContext,
    /** The port it listens on. */
    readonly port: number,
  ) {}

  /** Bind and start serving; rejects with the listener's error (busy port, bad host). */
  static async start(
    context: IngestContext,
    options: GrpcReceiverOptions,
  ): Promise<OtlpGrpcReceiver> {
    const server = new Server({
      // The OTLP/HTTP body limit, on the wire and after grpc-js decompresses a gzip message.
      'grpc.max_receive_message_length': context.maxBodyBytes,
      'grpc.max_connection_idle_ms': options.requestTimeoutMs,
      'grpc.max_connection_age_ms': MAX_CONNECTION_AGE_MS,
      'grpc.max_connection_age_grace_ms': options.requestTimeoutMs,
      interceptors: [requestArrivesWithin(options.requestTimeoutMs)],
    });
    const address = options.host.includes(':') ? `[${options.host}]` : options.host;
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(
        `${address}:${options.port}`,
        ServerCredentials.createInsecure(),
        (error, bound) => (error ? reject(error) : resolve(bound)),
      ),
    );
    const receiver = new OtlpGrpcReceiver(server, context, port);
    server.addService(OTLP_SERVICE, {
      exportTraces: receiver.handler(GRPC_TRACES_METHOD, async (project, body) =>
        encodeTracesResponse(await ingestTraces(context, project, body, 'protobuf')),
      ),
      exportLogs: receiver.handler(GRPC_LOGS_METHOD, async (project, body) =>
        encodeLogsServiceResponse(await ingestLogs(context, project, body, 'protobuf')),
      ),
    });
    return receiver;
  }

  private handler(method: string, ingest: (project: string, body: Buffer) => Promise<Uint8Array>) {
    return (call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>): void => {
      if (this.closing) {
        callback({ code: status.UNAVAILABLE, details: 'the server is shutting down; retry later' });
        return;
      }
      this.inFlight++;
      const run = async () => {
        const authorization = call.metadata
          .get('authorization')
          .find((value): value is string => typeof value === 'string');
        const project = writerProjectForMetadata(authorization, this.context.projects);
        return Buffer.from(await ingest(project.id, call.request));
      };
      run()
        .then(
          (response) => callback(null, response),
          (error: unknown) => callback(toStatus(error, method, this.context.log)),
        )
        .finally(() => {
          this.inFlight--;
          if (this.inFlight === 0) this.drained?.();
        })
        // The callback itself failing (a closed stream) must not become an unhandled rejection.
        .catch((error: unknown) =>
          this.context.log(`gRPC ${method} answer failed: ${String(error)}`),
        );
    };
  }

  /** Refuse new calls (UNAVAILABLE), finish in-flight ones within `timeoutMs`, then stop. */
  async close(timeoutMs: number): Promise<void> {
    this.closing = true;
    const stopped = new Promise<void>((resolve) => this.server.tryShutdown(() => resolve()));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([
        stopped,
        this.inFlight > 0 ? new Promise<void>((resolve) => (this.drained = resolve)) : undefined,
      ]),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
    this.server.forceShutdown();
  }
}
