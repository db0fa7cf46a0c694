/** The SDK side of the scenarios: our processor on a real provider, a counting fetch, diag capture. */
import { gunzipSync } from 'node:zlib';
import { diag, DiagLogLevel, SpanKind, type Tracer } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import {
  deterministicEventUuid,
  PostHogSpanProcessor,
  type PostHogExportOptions,
} from '@llm-analytics/core';
import { chatAttributes } from './spans';

/** The reasons the processor's DropCounter reports, as they appear in its warning. */
const DROP_PATTERN =
  /(\d+) (queue full|delivery failed|too large|mapping failed|hook failed|after shutdown|spool full|spool corrupt)/g;

/** Collects `diag` warnings and errors; `dropped()` sums what the processor reported as lost. */
export class DiagCapture {
  readonly lines: string[] = [];

  constructor() {
    const record =
      (level: string) =>
      (...args: unknown[]) => {
        if (this.lines.length < 10_000) this.lines.push(`${level} ${args.map(String).join(' ')}`);
      };
    diag.setLogger(
      {
        error: record('error'),
        warn: record('warn'),
        info: () => undefined,
        debug: () => undefined,
        verbose: () => undefined,
      },
      { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
    );
  }

  /** Items reported lost, by reason. */
  droppedByReason(): Record<string, number> {
    const totals: Record<string, number> = {};
    for (const line of this.lines) {
      if (!line.includes('events lost')) continue;
      for (const match of line.matchAll(DROP_PATTERN))
        totals[match[2]!] = (totals[match[2]!] ?? 0) + Number(match[1]);
    }
    return totals;
  }

  dropped(): number {
    return Object.values(this.droppedByReason()).reduce((sum, count) => sum + count, 0);
  }

  dispose(): void {
    diag.disable();
  }
}

function headerValue(
  headers: RequestInit['headers'] | undefined,
  name: string,
): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  if (Array.isArray(headers)) return headers.find(([key]) => key?.toLowerCase() === name)?.[1];
  const record = headers as Record<string, string>;
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : record[key];
}

/** Event uuids in a request body the processor sent (events or OTLP/JSON transport). */
export function uuidsInBody(
  body: Uint8Array,
  headers: RequestInit['headers'] | undefined,
): string[] {
  const bytes = headerValue(headers, 'content-encoding') === 'gzip' ? gunzipSync(body) : body;
  const json = JSON.parse(Buffer.from(bytes).toString('utf8')) as {
    batch?: Array<{ uuid: string }>;
    resourceSpans?: Array<{
      scopeSpans?: Array<{ spans?: Array<{ traceId: string; spanId: string }> }>;
    }>;
  };
  if (json.batch) return json.batch.map((event) => event.uuid);
  return (json.resourceSpans ?? []).flatMap((resource) =>
    (resource.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) =>
        deterministicEventUuid({ traceId: span.traceId, spanId: span.spanId }),
      ),
    ),
  );
}

/** A fetch that counts, per event uuid, the requests the server answered with a 2xx. */
export class CountingFetch {
  /** uuid → times acknowledged. */
  readonly acknowledged = new Map<string, number>();
  readonly statuses = new Map<string, number>();
  attempts = 0;
  rejectedByServer = 0;

  readonly fetch: typeof fetch = async (input, init) => {
    this.attempts++;
    let response: Response;
    try {
      response = await fetch(input, init);
    } catch (error) {
      this.count('network error');
      throw error;
    }
    this.count(String(response.status));
    if (response.ok && init?.body instanceof Uint8Array) {
      for (const uuid of uuidsInBody(init.body, init.headers))
        this.acknowledged.set(uuid, (this.acknowledged.get(uuid) ?? 0) + 1);
      const answer = (await response
        .clone()
        .json()
        .catch(() => ({}))) as { partialSuccess?: { rejectedSpans?: string | number } };
      this.rejectedByServer += Number(answer.partialSuccess?.rejectedSpans ?? 0);
    }
    return response;
  };

  private count(key: string): void {
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
  }
}

export interface SdkApp {
  processor: PostHogSpanProcessor;
  provider: BasicTracerProvider;
  tracer: Tracer;
  /** End one AI chat span with unique content; returns nothing, like an app's instrumentation. */
  chat(label: string, distinctId: string, textBytes?: number): void;
}

/** A provider with our processor, the way an app sets it up. */
export function sdkApp(options: PostHogExportOptions, serviceName = 'reliability-app'): SdkApp {
  const processor = new PostHogSpanProcessor(options);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [processor],
  });
  const tracer = provider.getTracer('reliability-app');
  return {
    processor,
    provider,
    tracer,
    chat(label, distinctId, textBytes = 200) {
      tracer
        .startSpan('chat gpt-4o-mini', {
          kind: SpanKind.CLIENT,
          attributes: chatAttributes(label, textBytes, distinctId),
        })
        .end();
    },
  };
}
