/** Send one gRPC case and say what the answer means for the bad-input figures. */
import { Http2Client, sendRawBytes } from '../lib/grpc-raw';
import type { GrpcCase } from './grpc-cases';

export interface GrpcOutcome {
  /** `grpc-<code>`, `http-<status>` (an answer without gRPC status), `reset`, or a socket outcome. */
  label: string;
  /** A 5xx, an UNKNOWN status or the receiver's own INTERNAL: the server's fault. */
  serverError?: string;
  /** No answer in time. */
  hang?: string;
  /** Stream reset on a case that must be answered. */
  reset?: string;
  /** The call was answered with OK (for mixed cases). */
  acknowledged: boolean;
}

/** What the receiver answers when its own handler fails (see the server's otlp-grpc-receiver). */
const RECEIVER_INTERNAL = 'internal server error';
const STATUS_UNKNOWN = 2;
const STATUS_INTERNAL = 13;

/** `grpc-message` is percent-encoded; a broken encoding is shown as sent. */
function readable(message: string): string {
  try {
    return decodeURIComponent(message);
  } catch {
    return message;
  }
}

export async function sendGrpcCase(
  fuzz: GrpcCase,
  port: number,
  client: Http2Client,
  timeoutMs: number,
): Promise<GrpcOutcome> {
  if (fuzz.kind === 'socket') {
    const outcome = await sendRawBytes(port, fuzz.bytes, 2000);
    return { label: outcome, acknowledged: false };
  }
  const answer = await client.request({
    path: fuzz.path,
    ...(fuzz.method ? { method: fuzz.method } : {}),
    headers: fuzz.headers,
    body: fuzz.body,
    timeoutMs,
  });
  const what = `${fuzz.family} ${fuzz.method ?? 'POST'} ${fuzz.path.slice(0, 80)}`;
  if (!answer.ok) {
    if (answer.timedOut) return { label: 'hang', hang: `${what}: no answer`, acknowledged: false };
    return {
      label: 'reset',
      ...(fuzz.resetOk ? {} : { reset: `${what}: ${answer.error}` }),
      acknowledged: false,
    };
  }
  const label =
    answer.grpcStatus === undefined ? `http-${answer.httpStatus}` : `grpc-${answer.grpcStatus}`;
  const serverError =
    answer.httpStatus >= 500 ||
    answer.grpcStatus === STATUS_UNKNOWN ||
    (answer.grpcStatus === STATUS_INTERNAL && answer.grpcMessage === RECEIVER_INTERNAL)
      ? `${what} → ${label} ${readable(answer.grpcMessage).slice(0, 200)}`
      : undefined;
  return {
    label,
    ...(serverError ? { serverError } : {}),
    acknowledged: answer.httpStatus === 200 && answer.grpcStatus === 0,
  };
}
