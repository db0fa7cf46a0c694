import {
  isAISpan,
  PostHogSpanProcessor as CorePostHogSpanProcessor,
  WARNING_CODES,
  warnLoudly,
  type ProcessorSpan,
} from '@llm-analytics/core';
import type { ReadableLogRecordLike } from '@llm-analytics/core';
import { resolveNodeAdapterOptions } from '@llm-analytics/core/node-spool';
import { createPricer } from '@llm-analytics/core/pricing';
import type { NodeSdkExportOptions } from './types';
import { uninstrumentedCallMonitor } from './uninstrumented-calls';

/** The scope of `@opentelemetry/instrumentation-openai`, which writes content only as log records. */
const OPENAI_INSTRUMENTATION_SCOPE = '@opentelemetry/instrumentation-openai';

/**
 * Core's `PostHogSpanProcessor` with the Node defaults: events priced in-process
 * (`price: false` to opt out), and one warning when LLM calls go uninstrumented.
 * Use it in `NodeSDK({ spanProcessors })`, or get it from `createPostHogProcessors()`.
 */
export class PostHogSpanProcessor extends CorePostHogSpanProcessor {
  private monitored: boolean;
  private readonly warnings: boolean;
  /** Scopes whose message content is on, so content log records should arrive for their spans. */
  private readonly contentScopes = new Set<string>();
  private hasLogRecordProcessor = false;
  private spansExpectingContent = 0;
  private contentRecords = 0;
  private contentWarned = false;

  constructor(options: NodeSdkExportOptions = {}) {
    // Node has no bundle-size concern, so the 2 MB price table is worth loading here.
    super(resolveNodeAdapterOptions(options, { defaultPrice: createPricer }));
    this.warnings = options?.warnings !== false;
    this.monitored = this.enabled && options?.warnOnUninstrumentedCalls !== false;
    if (this.monitored) uninstrumentedCallMonitor.attach();
    // The OpenAI instrumentation's switch; it writes content only as log records.
    if (
      process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT?.trim().toLowerCase() ===
      'true'
    )
      this.contentScopes.add(OPENAI_INSTRUMENTATION_SCOPE);
  }

  /** @internal `createPostHogProcessors` tells which instrumentations capture content. */
  expectContentRecords(hasLogRecordProcessor: boolean, scopes: readonly string[]): void {
    this.hasLogRecordProcessor = hasLogRecordProcessor;
    for (const scope of scopes) this.contentScopes.add(scope);
  }

  override attachLogRecord(spanId: string, record: ReadableLogRecordLike): void {
    this.contentRecords++;
    super.attachLogRecord(spanId, record);
  }

  /** Content capture is on, LLM spans ended, and not one content record arrived: say why, once. */
  private checkForMissingContent(): void {
    if (this.contentWarned || !this.enabled) return;
    if (this.spansExpectingContent === 0 || this.contentRecords > 0) return;
    this.contentWarned = true;
    const scopes = [...this.contentScopes].join(', ');
    const fix = this.hasLogRecordProcessor
      ? 'The instrumentation logs through another copy of @opentelemetry/api-logs than NodeSDK ' +
        '(`npm ls @opentelemetry/api-logs`): pass it through ' +
        '`createPostHogProcessors({ ..., instrumentations: [new OpenAIInstrumentation({ captureMessageContent: true })] })`, ' +
        'which wires its logger whatever copies are installed.'
      : 'No log record processor feeds this span processor: use ' +
        '`new NodeSDK({ ...createPostHogProcessors({ apiKey, host, instrumentations }) })` ' +
        'instead of `spanProcessors: [new PostHogSpanProcessor(...)]`.';
    warnLoudly(
      WARNING_CODES.noContent,
      `message content capture is on for ${scopes}, but no content log record reached ` +
        `@llm-analytics/node-sdk for ${this.spansExpectingContent} LLM span(s): $ai_input and ` +
        `$ai_output_choices are empty. ${fix}`,
      this.warnings,
    );
  }

  /** The warning check at a flush point; it never throws into `forceFlush` or `shutdown`. */
  private checkForUninstrumentedCalls(detach: boolean): void {
    if (!this.monitored) return;
    try {
      uninstrumentedCallMonitor.check();
      if (detach) {
        // shutdown() is idempotent: detach once.
        this.monitored = false;
        uninstrumentedCallMonitor.detach();
      }
    } catch {
      // Only the warning is lost.
    }
  }

  override onEnd(span: ProcessorSpan): void {
    if (this.contentScopes.size && !this.contentWarned) {
      try {
        const scope = span.instrumentationScope?.name ?? span.instrumentationLibrary?.name;
        if (scope && this.contentScopes.has(scope) && isAISpan(scope, span.attributes))
          this.spansExpectingContent++;
      } catch {
        // Only the content warning depends on it.
      }
    }
    if (this.monitored && uninstrumentedCallMonitor.watching) {
      try {
        const scope = span.instrumentationScope?.name ?? span.instrumentationLibrary?.name;
        if (isAISpan(scope, span.attributes)) uninstrumentedCallMonitor.noteAiSpan();
      } catch {
        // Only the warning depends on it; core's onEnd reports unreadable spans.
      }
    }
    super.onEnd(span);
  }

  override forceFlush(): Promise<void> {
    this.checkForUninstrumentedCalls(false);
    this.checkForMissingContent();
    return super.forceFlush();
  }

  override shutdown(): Promise<void> {
    this.checkForUninstrumentedCalls(true);
    this.checkForMissingContent();
    return super.shutdown();
  }
}
