import type { TraceContext } from '../event/to-event';
import { isAISpan } from '../filter/is-ai-span';
import { createMapper, type Mapper } from '../integration/create-mapper';
import type { AiEvent, SpanRecord } from '../types';
import { logger, MAX_REQUEST_BYTES, type ResolvedConfig } from './config';
import { DropCounter } from './diagnostics';
import { maybeGzip } from './gzip';
import { sendWithRetry, type OutgoingRequest } from './http-sender';
import { eventRequests, spanRequests, type PreparedRequests } from './payload';
import { withTracingSuppressed } from './suppress';
import type { PostHogExportOptions } from './types';

export interface ExportOutcome {
  /** Events (or spans, otlp transport) accepted by the server. */
  delivered: number;
  /** Items given up after retries or dropped as too large. */
  failed: number;
  /** Items handed to the caller's `park` to retry later (the server was unreachable). */
  parked: number;
}

/** Takes a request whose delivery failed for a reason worth retrying later. */
export type Park = (request: OutgoingRequest) => void;

/**
 * What the processor and the exporter share: SpanRecords in, mapped (or redacted) and sent
 * out. Every user hook is guarded; nothing here throws.
 */
export class ExportPipeline {
  readonly drops = new DropCounter();
  private readonly traceContexts = new Map<string, TraceContext>();
  /**
   * Requests prepared but not yet handed to `fetch` (waiting behind another request of their
   * export, or being compressed). `takeUnsent` empties it for a page-unload flush; a request
   * is sent by whichever side removes it first, so never twice.
   */
  private readonly unsent = new Set<OutgoingRequest>();
  /** Built on first use: the same mapper `serve` and `convert` use, with this exporter's options. */
  private mapper: Mapper | undefined;

  constructor(
    readonly config: ResolvedConfig,
    private readonly options: PostHogExportOptions,
  ) {}

  private shouldExport = (span: SpanRecord): boolean => {
    if (!this.options.shouldExportSpan) return true;
    try {
      return this.options.shouldExportSpan(span) !== false;
    } catch (error) {
      logger.warn(`shouldExportSpan threw; the span is exported: ${String(error)}`);
      return true;
    }
  };

  private beforeSend(events: AiEvent[]): AiEvent[] {
    const hook = this.options.beforeSend;
    if (!hook) return events;
    const out: AiEvent[] = [];
    for (const event of events) {
      try {
        const result = hook(event);
        if (result) out.push(result);
      } catch (error) {
        // The hook may redact: sending the unedited event could leak what it meant to remove.
        this.drops.add('hook_failed', 1, `beforeSend threw: ${String(error)}`);
      }
    }
    return out;
  }

  /**
   * Map (events transport) or filter and redact (otlp transport) the spans into requests of at
   * most `maxRequestBytes` each.
   */
  prepare(
    records: readonly SpanRecord[],
    maxRequestBytes: number = MAX_REQUEST_BYTES,
  ): PreparedRequests {
    if (this.config.transport === 'otlp') {
      const spans = records.filter(
        (span) => isAISpan(span.scope.name, span.attributes, span.name) && this.shouldExport(span),
      );
      return spanRequests(spans, this.config, this.options.privacyMode === true, maxRequestBytes);
    }
    this.mapper ??= createMapper({
      integrations: this.options.integrations,
      normalizers: this.options.normalizers,
      privacyMode: this.options.privacyMode,
      distinctId: this.options.distinctId,
      properties: this.options.properties,
      price: this.options.price,
      shouldExportSpan: this.shouldExport,
    });
    const result = this.mapper.map(records, { traceContexts: this.traceContexts });
    if (result.failed.length)
      this.drops.add('mapping_failed', result.failed.length, result.failed[0]!.reason);
    return eventRequests(this.beforeSend(result.events), this.config, maxRequestBytes);
  }

  /** Requests not yet handed to `fetch`, removed so this pipeline will not send them. */
  takeUnsent(): OutgoingRequest[] {
    const taken = [...this.unsent];
    this.unsent.clear();
    return taken;
  }

  /**
   * `undefined` when the request was taken by `takeUnsent` before it reached `fetch`; `retry`
   * when it failed in a way worth retrying later and the caller can keep it.
   */
  private async send(
    request: OutgoingRequest,
    canRetryLater: boolean,
  ): Promise<boolean | 'retry' | undefined> {
    if (!this.unsent.has(request)) return undefined;
    const { body, gzipped } = await maybeGzip(request.body, this.config.compression);
    // Checked again after the await: an unload flush may have taken it meanwhile.
    if (!this.unsent.delete(request)) return undefined;
    const headers = gzipped ? { ...request.headers, 'content-encoding': 'gzip' } : request.headers;
    const outcome = await withTracingSuppressed(() =>
      sendWithRetry(this.config, { ...request, body, headers }),
    );
    if (!outcome.delivered && canRetryLater && outcome.retriable) return 'retry';
    if (!outcome.delivered)
      this.drops.add(
        'delivery_failed',
        request.items,
        `${outcome.reason} after ${outcome.attempts} attempt(s)`,
      );
    return outcome.delivered;
  }

  /**
   * Send spans; resolves when every request is delivered, given up, or handed to `park` (when
   * given) to retry later. Never rejects.
   */
  async export(records: readonly SpanRecord[], park?: Park): Promise<ExportOutcome> {
    let prepared: PreparedRequests;
    try {
      prepared = this.prepare(records);
    } catch (error) {
      this.drops.add('mapping_failed', records.length, String(error));
      return { delivered: 0, failed: records.length, parked: 0 };
    }
    return this.deliver(prepared, park);
  }

  /**
   * Send prepared requests one after another with retries. Requests taken meanwhile by
   * `takeUnsent` count neither as delivered nor as failed: their taker owns them. With `park`,
   * a request that still fails for a retriable reason after every attempt (and every request
   * after it) is handed to `park` instead of being dropped.
   */
  async deliver(prepared: PreparedRequests, park?: Park): Promise<ExportOutcome> {
    for (const request of prepared.requests) this.unsent.add(request);
    if (prepared.dropped)
      this.drops.add(
        'too_large',
        prepared.dropped,
        'an item exceeded the request size limit after truncation',
      );
    let delivered = 0;
    let failed = prepared.dropped;
    let parked = 0;
    for (const request of prepared.requests) {
      // Once the server proved unreachable, the rest of this export waits with the failed one.
      if (parked && park) {
        if (this.unsent.delete(request)) {
          park(request);
          parked += request.items;
        }
        continue;
      }
      try {
        const sent = await this.send(request, park !== undefined);
        if (sent === 'retry') {
          park!(request);
          parked += request.items;
        } else if (sent) delivered += request.items;
        else if (sent === false) failed += request.items;
      } catch (error) {
        this.unsent.delete(request);
        failed += request.items;
        this.drops.add('delivery_failed', request.items, String(error));
      }
    }
    return { delivered, failed, parked };
  }
}
