import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { startCaptureServer } from '@llm-analytics/testing';
import { describe, expect, it } from 'vitest';
import { PostHogTraceExporter } from '../../src/export/trace-exporter';
import { createFileSpool } from '../../src/node-spool/file-spool';
import { CHAT_ATTRIBUTES, onCleanup } from './harness';

type Batch = { batch: Array<{ uuid: string; properties: Record<string, unknown> }> };

describe('PostHogTraceExporter with a spool', () => {
  it('succeeds once the events are on disk and delivers them when the server answers again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exporter-spool-test-'));
    onCleanup(() => rmSync(dir, { recursive: true, force: true }));
    const sink = await startCaptureServer();
    onCleanup(() => sink.close());
    let down = true;
    sink.respondWith(() => (down ? { destroySocket: true } : { status: 200 }));
    const exporter = new PostHogTraceExporter({
      apiKey: 'phc',
      host: sink.url,
      maxAttempts: 1,
      warnings: false,
      spool: createFileSpool({ dir }),
    });
    const tracer = new BasicTracerProvider().getTracer('t');
    const spans = [1, 2, 3].map((seq) => {
      const span = tracer.startSpan('chat', { attributes: { ...CHAT_ATTRIBUTES, seq } });
      span.end();
      return span as unknown as Parameters<typeof exporter.export>[0][number];
    });
    const codes: number[] = [];
    await new Promise<void>((resolve) =>
      exporter.export(spans, (result) => {
        codes.push(result.code);
        resolve();
      }),
    );
    expect(codes).toEqual([0]);
    await exporter.forceFlush();
    expect(readdirSync(dir).filter((name) => name.endsWith('.req'))).toHaveLength(1);
    down = false;
    await exporter.forceFlush();
    const delivered = sink.requests
      .filter((request) => request.json && (request.json as Batch).batch)
      .slice(-1)
      .flatMap((request) => (request.json as Batch).batch.map((e) => e.properties.seq));
    expect(delivered).toEqual([1, 2, 3]);
    expect(readdirSync(dir).filter((name) => name.endsWith('.req'))).toEqual([]);
    await exporter.shutdown();
  });
});
