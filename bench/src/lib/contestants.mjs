// The span processors compared, each set up the way its documentation shows, with every
// network destination pointed at a loopback sink.
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

/** A `SpanExporter` that drops everything: the bare cost of the SDK's batching. */
class NoopExporter {
  export(_spans, resultCallback) {
    resultCallback({ code: 0 });
  }
  shutdown() {
    return Promise.resolve();
  }
  forceFlush() {
    return Promise.resolve();
  }
}

export const CONTESTANTS = ['ours', 'bsp', 'bsp_otlp', 'posthog', 'langfuse'];

/**
 * A processor for `name`, sending to `sinkUrl` (`http://127.0.0.1:port`).
 * `ours`: core's processor with what the Node adapters install (in-process pricing,
 * `node:zlib` gzip at level 1), PostHog capture batches (the default transport), gzip on.
 */
export async function createProcessor(name, sinkUrl, options = {}) {
  switch (name) {
    case 'ours_spool': {
      // `ours` with `spoolDir`: every request is written, read back and deleted on the way.
      const { mkdtempSync, rmSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      const { createFileSpool } = await import('@llm-analytics/core/node-spool');
      const dir = mkdtempSync(join(tmpdir(), 'bench-spool-'));
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      return createProcessor('ours', sinkUrl, { spool: createFileSpool({ dir }), ...options });
    }
    case 'ours':
    case 'ours_no_gzip':
    case 'ours_stream_gzip':
    case 'ours_otlp': {
      const { PostHogSpanProcessor } = await import('@llm-analytics/core');
      const { createPricer } = await import('@llm-analytics/core/pricing');
      const { resolveNodeAdapterOptions } = await import('@llm-analytics/core/node-spool');
      // The Node adapters' own option resolution: in-process pricing and node:zlib gzip.
      const resolved = resolveNodeAdapterOptions(
        {
          apiKey: 'phc_bench',
          host: sinkUrl,
          ...(name === 'ours_no_gzip' ? { compression: false } : {}),
          ...(name === 'ours_otlp' ? { transport: 'otlp' } : {}),
          ...options,
        },
        { defaultPrice: createPricer },
      );
      // The browser and edge path: CompressionStream (zlib level 6).
      if (name === 'ours_stream_gzip') delete resolved.gzip;
      return new PostHogSpanProcessor(resolved);
    }
    case 'bsp':
      return new BatchSpanProcessor(new NoopExporter());
    case 'bsp_otlp':
      return new BatchSpanProcessor(new OTLPTraceExporter({ url: `${sinkUrl}/v1/traces` }));
    case 'posthog': {
      const { PostHogSpanProcessor } = await import('@posthog/ai/otel');
      return new PostHogSpanProcessor({ projectToken: 'phc_bench', host: sinkUrl });
    }
    case 'langfuse': {
      const { LangfuseSpanProcessor } = await import('@langfuse/otel');
      return new LangfuseSpanProcessor({
        publicKey: 'pk-lf-bench',
        secretKey: 'sk-lf-bench',
        baseUrl: sinkUrl,
      });
    }
    default:
      throw new Error(`unknown contestant ${name}`);
  }
}

/** A provider that runs only `processor`; always sampled, default resource. */
export function providerWith(processor) {
  return new BasicTracerProvider({ spanProcessors: [processor] });
}
