import type { TraceContext } from '../event/to-event';
import { isAISpan } from '../filter/is-ai-span';
import { createMapper, type Mapper } from '../integration/create-mapper';
import type { AiEvent, SpanRecord } from '../types';
import { runSliced, runToEnd, type Steps } from '../util/sliced';
import { MAX_REQUEST_BYTES, type ResolvedConfig } from './config';
import { DropCounter } from './diagnostics';
import { maybeGzip } from './gzip';
import {
  sendWithRetry,
  type OutgoingRequest,
  type SendLimits,
  type SendOutcome,
} from './http-sender';
import { EventBatchEncoder, spanRequestSteps, type PreparedRequests } from './payload';
import { withTracingSuppressed } from './suppress';
import type { PostHogExportOptions } from './types';
import { WARNING_CODES, warnLoudly } from './warnings';

export interface ExportOutcome {
  /** Events (or spans, otlp transport) accepted by the server. */
  delivered: number;
  /** Items given up after retries or dropped as too large. */
  failed: number;
  /** Items handed to the caller's `park` to retry later (the server was unreachable). */
  parked: number;
}

interface Preparation {
  readonly records: readonly SpanRecord[];
  /** Taken over by a page-unload flush: the preparation stops and yields nothing. */
  taken: boolean;
}

const NOTHING: PreparedRequests = { requests: [], dropped: 0 };

/** `steps`, ended early (with nothing prepared) once `preparation` is taken over. */
function* untilTaken(
  steps: Steps<PreparedRequests>,
  preparation: Preparation,
): Steps<PreparedRequests> {
  for (;;) {
    const next = steps.next();
    if (preparation.taken) return NOTHING;
    if (next.done) return next.value;
    yield;
  }
}

/** Takes a request whose delivery failed for a reason worth retrying later. */
export type Park = (request: OutgoingRequest) => void;

/**
 * What the processor and the exporter share: SpanRecords in, mapped (or redacted) and sent
 * out. Every user hook is guarded; nothing here throws.
 */
export class ExportPipeline {
  readonly drops: DropCounter;
  /** Deadlines of the flushes in progress (epoch ms); the earliest bounds every send. */
  private readonly deadlines: number[] = [];
  /** Aborts of the attempts in flight. */
  private readonly inFlightAborts = new Set<() => void>();
  /** Bumped when a flush deadline passes: sends started before it stop retrying. */
  private generation = 0;
  /** After `shutdown()`'s deadline nothing more is sent. */
  private stopped = false;
  private readonly traceContexts = new Map<string, TraceContext>();
  /**
   * Requests prepared but not yet handed to `fetch` (waiting behind another request of their
   * export, or being compressed). `takeUnsent` empties it for a page-unload flush; a request
   * is sent by whichever side removes it first, so never twice.
   */
  private readonly unsent = new Set<OutgoingRequest>();
  /** Sliced preparations under way (see `takePreparing`). */
  private readonly preparing = new Set<Preparation>();
  /** Built on first use: the same mapper `serve` and `convert` use, with this exporter's options. */
  private mapper: Mapper | undefined;

  constructor(
    readonly config: ResolvedConfig,
    private readonly options: PostHogExportOptions,
  ) {
    this.drops = new DropCounter(config.warnings);
  }

  /** Bound every send (attempts and pauses) by `deadline` until the returned release is called. */
  addDeadline(deadline: number): () => void {
    this.deadlines.push(deadline);
    return () => {
      const index = this.deadlines.indexOf(deadline);
      if (index >= 0) this.deadlines.splice(index, 1);
    };
  }

  /**
   * A flush deadline passed: abort what is in flight and end the retries of every send under
   * way (their requests fail as retriable: kept for later, or dropped once `final`). With
   * `final` (shutdown) nothing is sent any more.
   */
  stopInFlight(final: boolean): void {
    this.generation++;
    if (final) this.stopped = true;
    for (const abort of [...this.inFlightAborts]) abort();
  }

  private limits(): SendLimits {
    const generation = this.generation;
    return {
      deadline: () => {
        if (this.stopped || this.generation !== generation) return 0;
        return this.deadlines.length ? Math.min(...this.deadlines) : undefined;
      },
      onStop: (abort) => {
        this.inFlightAborts.add(abort);
        return () => this.inFlightAborts.delete(abort);
      },
    };
  }

  private shouldExport = (span: SpanRecord): boolean => {
    if (!this.options.shouldExportSpan) return true;
    try {
      return this.options.shouldExportSpan(span) !== false;
    } catch (error) {
      // Fail closed, like beforeSend: the filter exists to keep sensitive spans out.
      this.drops.add('hook_failed', 1, `shouldExportSpan threw: ${String(error)}`);
      return false;
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
   * most `maxRequestBytes` each, at once (the page-unload flush has no later turn).
   */
  prepare(
    records: readonly SpanRecord[],
    maxRequestBytes: number = MAX_REQUEST_BYTES,
  ): PreparedRequests {
    return runToEnd(this.prepareSteps(records, maxRequestBytes));
  }

  private *prepareSteps(
    records: readonly SpanRecord[],
    maxRequestBytes: number,
  ): Steps<PreparedRequests> {
    if (this.config.transport === 'otlp') {
      const spans = records.filter(
        (span) => isAISpan(span.scope.name, span.attributes, span.name) && this.shouldExport(span),
      );
      return yield* spanRequestSteps(
        spans,
        this.config,
        this.options.privacyMode === true,
        maxRequestBytes,
      );
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
    // Each event is encoded as soon as it is mapped (see EventBatchEncoder).
    const batch = new EventBatchEncoder(this.config, maxRequestBytes);
    const result = yield* this.mapper.mapSteps(
      records,
      { traceContexts: this.traceContexts },
      (event) => {
        for (const edited of this.beforeSend([event])) batch.add(edited);
      },
    );
    if (result.failed.length)
      this.drops.add('mapping_failed', result.failed.length, result.failed[0]!.reason);
    return yield* batch.requestSteps();
  }

  /**
   * `prepare` in slices of a few ms with a turn of the event loop between them, so exporting
   * large spans never blocks the application for long. Spans taken meanwhile by
   * `takePreparing` (page unload) yield no requests here: their taker sends them.
   */
  async prepareSliced(records: readonly SpanRecord[]): Promise<PreparedRequests> {
    const preparation: Preparation = { records, taken: false };
    this.preparing.add(preparation);
    try {
      return await runSliced(
        untilTaken(this.prepareSteps(records, MAX_REQUEST_BYTES), preparation),
      );
    } finally {
      this.preparing.delete(preparation);
    }
  }

  /** The spans of every sliced preparation under way, taken over: those preparations stop. */
  takePreparing(): SpanRecord[] {
    const taken: SpanRecord[] = [];
    for (const preparation of this.preparing) {
      preparation.taken = true;
      taken.push(...preparation.records);
    }
    this.preparing.clear();
    return taken;
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
    const { body, gzipped } = await maybeGzip(
      request.body,
      this.config.compression,
      this.config.gzip,
    );
    // Checked again after the await: an unload flush may have taken it meanwhile.
    if (!this.unsent.delete(request)) return undefined;
    const headers = gzipped ? { ...request.headers, 'content-encoding': 'gzip' } : request.headers;
    const limits = this.limits();
    const started = Date.now();
    const outcome = await withTracingSuppressed(() =>
      sendWithRetry(this.config, { ...request, body, headers }, Math.random, limits),
    );
    const explained = this.report(request, outcome, Date.now() - started, canRetryLater);
    if (!outcome.delivered && canRetryLater && outcome.retriable) return 'retry';
    if (!outcome.delivered)
      this.drops.add(
        'delivery_failed',
        request.items,
        outcome.attempts
          ? `${outcome.reason} after ${outcome.attempts} attempt(s)`
          : outcome.reason,
        explained,
      );
    return outcome.delivered;
  }

  /**
   * The `debug` line of a delivered request, or the loud warning of a setup failure; true when
   * a warning explained the failure.
   */
  private report(
    request: OutgoingRequest,
    outcome: SendOutcome,
    elapsedMs: number,
    kept: boolean,
  ): boolean {
    const { endpoint, transport, warnings } = this.config;
    const items = `${request.items} ${transport === 'otlp' ? 'span' : 'event'}(s)`;
    if (outcome.delivered) {
      if (this.config.debug)
        console.error(
          `[llm-analytics] delivered ${items} to ${endpoint} (HTTP ${outcome.status}, ${elapsedMs} ms, ${outcome.attempts} attempt(s))`,
        );
      return false;
    }
    if (outcome.status === 401 || outcome.status === 403) {
      warnLoudly(
        WARNING_CODES.tokenRefused,
        `${endpoint} refused the project token (HTTP ${outcome.status}): ${items} dropped. ` +
          'It expects a project token (PostHog: the project API key, phc_…, under Project settings; ' +
          'an llm-analytics server: the project token `llm-analytics serve` prints), ' +
          'not a personal API key (phx_…) nor a read key.',
        warnings,
      );
      return true;
    }
    if (outcome.retriable && outcome.status === undefined && outcome.attempts > 0) {
      warnLoudly(
        WARNING_CODES.hostUnreachable,
        `${endpoint} is unreachable after ${outcome.attempts} attempt(s) (${outcome.reason}): ${items} ` +
          (kept ? 'kept for a later retry.' : 'dropped.') +
          ' Check `host` (LLM_ANALYTICS_HOST / POSTHOG_HOST).',
        warnings,
      );
      return true;
    }
    return false;
  }

  /**
   * Send spans; resolves when every request is delivered, given up, or handed to `park` (when
   * given) to retry later. Never rejects.
   */
  async export(records: readonly SpanRecord[], park?: Park): Promise<ExportOutcome> {
    const prepared = await this.tryPrepare(records);
    if (!prepared) return { delivered: 0, failed: records.length, parked: 0 };
    return this.deliver(prepared, park);
  }

  /** `prepareSliced`, with a failure counted as dropped (undefined) instead of thrown. */
  async tryPrepare(records: readonly SpanRecord[]): Promise<PreparedRequests | undefined> {
    try {
      return await this.prepareSliced(records);
    } catch (error) {
      this.drops.add('mapping_failed', records.length, String(error));
      return undefined;
    }
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
