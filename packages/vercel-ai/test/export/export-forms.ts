import { trace, type ProxyTracerProvider } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { registerOTel } from '@vercel/otel';
import type { AiEvent } from '@llm-analytics/core';
import { startCaptureServer, type CaptureServer } from '@llm-analytics/testing';
import { PostHogSpanProcessor, PostHogTraceExporter, type VercelAiExportOptions } from '../../src';
import { sinkEvents, sleep } from './sink-events';

/** A running setup: the application's OpenTelemetry SDK sending to a capture server. */
export interface RunningForm {
  sink: CaptureServer;
  /** Run `call`, flush everything it traced and return the events that arrived. */
  capture(call: () => Promise<unknown>): Promise<AiEvent[]>;
  shutdown(): Promise<void>;
}

export interface ExportForm {
  name: string;
  start(options?: VercelAiExportOptions): Promise<RunningForm>;
}

const TEST_OPTIONS: VercelAiExportOptions = {
  apiKey: 'phc_vercel_test',
  flushIntervalMs: 50,
  retryBaseDelayMs: 20,
};

async function captureWith(
  sink: CaptureServer,
  call: () => Promise<unknown>,
  flush: () => Promise<void>,
): Promise<AiEvent[]> {
  sink.reset();
  await call();
  await sleep(30);
  await flush();
  return sinkEvents(sink);
}

/** Processor form: `NodeSDK({ spanProcessors: [new PostHogSpanProcessor()] })`. */
export const nodeSdkProcessorForm: ExportForm = {
  name: 'PostHogSpanProcessor in NodeSDK',
  async start(options = {}) {
    const sink = await startCaptureServer();
    const processor = new PostHogSpanProcessor({ ...TEST_OPTIONS, host: sink.url, ...options });
    const sdk = new NodeSDK({
      resource: resourceFromAttributes({ 'service.name': 'vercel-ai-processor-test' }),
      spanProcessors: [processor],
    });
    sdk.start();
    return {
      sink,
      capture: (call) => captureWith(sink, call, () => processor.forceFlush()),
      async shutdown() {
        await sdk.shutdown();
        await sink.close();
      },
    };
  },
};

/**
 * Exporter form: `registerOTel({ serviceName, traceExporter: new PostHogTraceExporter() })`
 * from `@vercel/otel` (its defaults kept: the fetch instrumentation adds non-AI spans).
 */
export const vercelOtelExporterForm: ExportForm = {
  name: 'PostHogTraceExporter in registerOTel',
  async start(options = {}) {
    const sink = await startCaptureServer();
    const exporter = new PostHogTraceExporter({ ...TEST_OPTIONS, host: sink.url, ...options });
    registerOTel({ serviceName: 'vercel-ai-exporter-test', traceExporter: exporter });
    // registerOTel returns nothing; its provider is the global one, behind the API's proxy.
    const provider = (
      trace.getTracerProvider() as ProxyTracerProvider
    ).getDelegate() as unknown as {
      forceFlush(): Promise<void>;
      shutdown(): Promise<void>;
    };
    return {
      sink,
      capture: (call) => captureWith(sink, call, () => provider.forceFlush()),
      async shutdown() {
        await provider.shutdown();
        await sink.close();
      },
    };
  },
};
