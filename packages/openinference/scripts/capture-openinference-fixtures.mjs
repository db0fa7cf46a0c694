// Captures OTLP fixtures from the real OpenInference OpenAI instrumentation against the mock
// OpenAI server: test/fixtures/openai/<scenario>.traces.{pb,json}, one export request per
// scenario, serialized by @opentelemetry/otlp-transformer exactly as the OTLP exporters do.
// Every fixture is decoded again with the core's OTLP decoder and checked against the
// SpanRecords converted straight from the SDK spans. Run from the package:
//   node scripts/capture-openinference-fixtures.mjs
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { spanRecordFromReadableSpan } from '@llm-analytics/core';
import { decodeTraces } from '@llm-analytics/core/otlp';
import { startMockOpenAI } from '@llm-analytics/testing';
import { createClient, createHarness, SCENARIOS } from './openai-scenarios.mjs';

const FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures', 'openai');

/** Decoded spans, in a stable order, without the fields that differ between the two paths. */
function comparable(records) {
  return [...records].sort((a, b) => a.spanId.localeCompare(b.spanId));
}

const harness = createHarness();
const mock = await startMockOpenAI();
const client = createClient(mock);
mkdirSync(FIXTURES, { recursive: true });
for (const file of readdirSync(FIXTURES)) {
  if (file.endsWith('.pb') || file.endsWith('.json')) rmSync(join(FIXTURES, file));
}

const summary = [];
try {
  for (const scenario of SCENARIOS) {
    harness.reset();
    await scenario.run(client, mock);
    const spans = await harness.waitForSpans(scenario.spans);
    const { started, ended } = harness.lifecycle();
    summary.push({ scenario: scenario.name, started, ended });
    if (spans.length !== scenario.spans) {
      throw new Error(`${scenario.name}: expected ${scenario.spans} span(s), got ${spans.length}`);
    }
    if (spans.length === 0) continue;

    const protobuf = ProtobufTraceSerializer.serializeRequest(spans);
    const json = JsonTraceSerializer.serializeRequest(spans);
    if (!protobuf || !json) throw new Error(`${scenario.name}: serialization failed`);
    writeFileSync(join(FIXTURES, `${scenario.name}.traces.pb`), protobuf);
    writeFileSync(join(FIXTURES, `${scenario.name}.traces.json`), json);

    const direct = comparable(spans.map((span) => spanRecordFromReadableSpan(span)));
    const fromProtobuf = decodeTraces(protobuf, 'protobuf');
    const fromJson = decodeTraces(Buffer.from(json).toString('utf8'), 'json');
    for (const [format, decoded] of [
      ['protobuf', fromProtobuf],
      ['json', fromJson],
    ]) {
      if (decoded.rejected.length) {
        throw new Error(`${scenario.name}.${format}: rejected ${JSON.stringify(decoded.rejected)}`);
      }
      if (!isDeepStrictEqual(comparable(decoded.spans), direct)) {
        throw new Error(`${scenario.name}.${format}: decoded spans differ from the SDK spans`);
      }
    }
  }
} finally {
  await mock.close();
  await harness.shutdown();
}

for (const { scenario, started, ended } of summary) {
  const open = started.filter(
    (name, index) => started.indexOf(name) === index && !ended.includes(name),
  );
  console.log(
    `${scenario.padEnd(24)} started ${started.length}, ended ${ended.length}` +
      (open.length ? `, never ended: ${open.join(', ')}` : ''),
  );
}
