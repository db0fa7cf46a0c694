import { SpanKind } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { startCaptureServer } from '@llm-analytics/testing';
import { describe, expect, it } from 'vitest';
import { PostHogSpanProcessor } from '../../src/export/span-processor';
import { CHAT_ATTRIBUTES, captureDiag, onCleanup } from './harness';

describe('async resource attributes', () => {
  it('are awaited before they are read: no SDK error, and they reach the event', async () => {
    const diagnostics = captureDiag();
    const sink = await startCaptureServer();
    onCleanup(() => sink.close());
    const processor = new PostHogSpanProcessor({ apiKey: 'phc', host: sink.url, traceWaitMs: 0 });
    // A detector that answers later, like the host and process detectors of NodeSDK.
    const resource = resourceFromAttributes({
      'service.name': 'async-resource-test',
      'deployment.environment.name': new Promise<string>((resolve) =>
        setTimeout(() => resolve('staging'), 200),
      ),
    });
    expect(resource.asyncAttributesPending).toBe(true);
    const provider = new BasicTracerProvider({ resource, spanProcessors: [processor] });
    onCleanup(() => provider.shutdown());
    provider
      .getTracer('t')
      .startSpan('chat', { kind: SpanKind.CLIENT, attributes: CHAT_ATTRIBUTES })
      .end();
    await processor.forceFlush();
    expect(diagnostics.messages.join('\n')).not.toContain('before async attributes settled');
    const [event] = (
      sink.requests[0]!.json as { batch: Array<{ properties: Record<string, unknown> }> }
    ).batch;
    expect(event!.properties['deployment.environment.name']).toBe('staging');
  });
});
