import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { joinLogsToSpans, type AiEvent } from '@llm-analytics/core';
import { decodeLogs, decodeTraces, type OtlpContentType } from '@llm-analytics/core/otlp';
import { createServerMapper } from './server-mapper';

export interface ConvertOptions {
  tracesPath: string;
  logsPath?: string;
  privacyMode?: boolean;
}

export interface ConvertResult {
  events: AiEvent[];
  /** Spans skipped as non-AI. */
  nonAi: number;
  /** Spans or log records the decoder rejected, with the reason. */
  rejected: string[];
}

/** A one-line, user-facing failure of the convert command (exit code 2). */
export class ConvertError extends Error {
  override name = 'ConvertError';
}

const PROTOBUF_EXTENSIONS = new Set(['.pb', '.bin', '.protobuf', '.proto']);

/** `.pb` files are protobuf and `.json` files JSON; anything else is sniffed. */
export function detectContentType(path: string, bytes: Uint8Array): OtlpContentType {
  const extension = extname(path).toLowerCase();
  if (PROTOBUF_EXTENSIONS.has(extension)) return 'protobuf';
  if (extension === '.json') return 'json';
  for (const byte of bytes) {
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;
    return byte === 0x7b ? 'json' : 'protobuf';
  }
  return 'json';
}

async function readInput(
  path: string,
  label: string,
): Promise<{ body: Uint8Array | string; type: OtlpContentType }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : String((error as Error).message);
    throw new ConvertError(`cannot read ${label} file ${path}: ${reason}`);
  }
  const type = detectContentType(path, bytes);
  return { body: type === 'json' ? new TextDecoder().decode(bytes) : bytes, type };
}

function decodeFailure(label: string, path: string, error: unknown): ConvertError {
  return new ConvertError(
    `malformed ${label} file ${path}: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/** Read an OTLP traces request (and optionally a logs request) and map it to `$ai_*` events. */
export async function convertFiles(options: ConvertOptions): Promise<ConvertResult> {
  const traces = await readInput(options.tracesPath, 'traces');
  let decoded;
  try {
    decoded = decodeTraces(traces.body, traces.type);
  } catch (error) {
    throw decodeFailure('traces', options.tracesPath, error);
  }
  const rejected = decoded.rejected.map((r) => `span ${r.index}: ${r.reason}`);
  let spans = decoded.spans;
  if (options.logsPath) {
    const logs = await readInput(options.logsPath, 'logs');
    let decodedLogs;
    try {
      decodedLogs = decodeLogs(logs.body, logs.type);
    } catch (error) {
      throw decodeFailure('logs', options.logsPath, error);
    }
    rejected.push(...decodedLogs.rejected.map((r) => `log record ${r.index}: ${r.reason}`));
    spans = joinLogsToSpans(spans, decodedLogs.logs).spans;
  }
  // The server's mapper: `convert` shows what `serve` would store.
  const result = createServerMapper({ privacyMode: options.privacyMode }).map(spans);
  rejected.push(...result.failed.map((f) => `span ${f.spanId}: ${f.reason}`));
  return { events: result.events, nonAi: result.nonAi, rejected };
}
