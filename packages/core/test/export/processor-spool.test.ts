import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileSpool } from '../../src/node-spool/file-spool';
import { encodeRecord } from '../../src/node-spool/record-framing';
import { captureDiag, onCleanup, setup } from './harness';

type Batch = { batch: Array<{ uuid: string; properties: Record<string, unknown> }> };

function spoolDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'processor-spool-test-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
const records = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.req'));
const delivered = (requests: Array<{ status?: number; json: unknown }>) =>
  requests.flatMap((request) => (request.json as Batch).batch.map((e) => e.properties.seq));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('processor with a spool', () => {
  it('keeps on disk what the server could not take, beyond maxQueueSize, and delivers it all once it is back', async () => {
    const dir = spoolDir();
    const diagnostics = captureDiag();
    const { sink, processor, chat } = await setup({
      spool: createFileSpool({ dir }),
      maxQueueSize: 10,
      maxBatchSize: 5,
      maxAttempts: 2,
    });
    let down = true;
    const answered: unknown[] = [];
    sink.respondWith((request) => {
      if (down) return { destroySocket: true };
      answered.push(request.json);
      return { status: 200 };
    });
    for (let i = 0; i < 40; i++) {
      chat({ seq: i });
      if (i % 5 === 4) await sleep(60);
    }
    await processor.forceFlush();
    // Forty spans held with a queue bound of ten: the rest waited on disk, nothing was dropped.
    expect(records(dir).length).toBeGreaterThanOrEqual(8);
    down = false;
    await processor.forceFlush();
    const seqs = delivered(answered.map((json) => ({ json })));
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(records(dir)).toEqual([]);
    expect(diagnostics.messages.filter((m) => m.includes('lost'))).toEqual([]);
  });

  it('writes an ended span to disk within a fraction of a second, long before the next send', async () => {
    const dir = spoolDir();
    const { sink, chat } = await setup({
      spool: createFileSpool({ dir }),
      flushIntervalMs: 60_000,
      maxAttempts: 1,
    });
    sink.respondWith(() => ({ destroySocket: true }));
    await sleep(50);
    for (let i = 0; i < 3; i++) chat({ seq: i });
    await sleep(400);
    // On disk: a SIGKILL now loses nothing, though the next send is a minute away.
    expect(records(dir)).toHaveLength(1);
  });

  it('leaves undelivered events for the next processor on the same directory, which sends each once', async () => {
    const dir = spoolDir();
    const first = await setup({
      spool: createFileSpool({ dir }),
      maxAttempts: 1,
      flushTimeoutMs: 500,
    });
    first.sink.respondWith(() => ({ destroySocket: true }));
    for (let i = 0; i < 12; i++) first.chat({ seq: i });
    await first.provider.shutdown();
    expect(records(dir).length).toBeGreaterThan(0);

    const second = await setup({ spool: createFileSpool({ dir }) });
    second.chat({ seq: 100 });
    await second.processor.forceFlush();
    const seqs = delivered(second.sink.requests);
    expect(seqs).toEqual([...Array.from({ length: 12 }, (_, i) => i), 100]);
    const uuids = second.sink.requests.flatMap((r) => (r.json as Batch).batch.map((e) => e.uuid));
    expect(new Set(uuids).size).toBe(13);
    expect(records(dir)).toEqual([]);
  });

  it('skips a partial record a crash left and reports it, without blocking the rest', async () => {
    const dir = spoolDir();
    const diagnostics = captureDiag();
    const cut = encodeRecord({
      body: new TextEncoder().encode('{"api_key":"phc_test","batch":[]}'),
      headers: { 'content-type': 'application/json' },
      items: 4,
    });
    writeFileSync(
      join(dir, '00000000000001-00000000-4i-999999999.0badc0de.req'),
      cut.subarray(0, cut.length - 10),
    );
    const { sink, processor, chat } = await setup({ spool: createFileSpool({ dir }) });
    chat({ seq: 1 });
    await processor.forceFlush();
    await processor.shutdown();
    expect(delivered(sink.requests)).toEqual([1]);
    expect(records(dir)).toEqual([]);
    expect(diagnostics.messages.join('\n')).toMatch(/4 spool corrupt.*partial record/s);
  });

  it('spools OTLP requests too (otlp transport) and delivers them, merged, once the server answers', async () => {
    const dir = spoolDir();
    const { sink, processor, chat } = await setup({
      spool: createFileSpool({ dir }),
      transport: 'otlp',
      maxAttempts: 1,
    });
    let down = true;
    sink.respondWith(() => (down ? { destroySocket: true } : { status: 200 }));
    for (let i = 0; i < 3; i++) {
      chat({ seq: i });
      await sleep(150);
    }
    await processor.forceFlush();
    expect(records(dir).length).toBeGreaterThanOrEqual(2);
    down = false;
    const before = sink.requests.length;
    await processor.forceFlush();
    const sent = sink.requests.slice(before);
    // Records written apart go out as one OTLP request.
    expect(sent).toHaveLength(1);
    expect(sent[0]!.path).toBe('/i/v0/ai/otel');
    const spans = (
      sent[0]!.json as { resourceSpans: Array<{ scopeSpans: Array<{ spans: unknown[] }> }> }
    ).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    expect(spans).toHaveLength(3);
    expect(records(dir)).toEqual([]);
  });

  it('falls back to memory with one warning when the spool cannot be written', async () => {
    const file = join(spoolDir(), 'a-file');
    writeFileSync(file, 'x');
    const diagnostics = captureDiag();
    const { sink, processor, chat } = await setup({
      spool: createFileSpool({ dir: join(file, 'spool') }),
    });
    for (let i = 0; i < 3; i++) chat({ seq: i });
    await processor.forceFlush();
    chat({ seq: 3 });
    await processor.forceFlush();
    expect(delivered(sink.requests)).toEqual([0, 1, 2, 3]);
    const warnings = diagnostics.messages.filter((m) => m.includes('LLM_ANALYTICS_SPOOL_FAILED'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/kept in memory only/);
  });
});
