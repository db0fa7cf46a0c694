// Shared by the fixture capture scripts of the current Traceloop release (here) and of 0.16
// (packages/traceloop-legacy-tests): runs every scenario against the mock OpenAI server with
// the real SDK exporting to an in-memory exporter, then writes each scenario's finished spans
// as OTLP protobuf and OTLP/JSON request bodies, made by the real OTLP serializers.
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { traceloopScenarios } from './traceloop-scenarios.mjs';

/** One line per span: what the SDK emitted, for the capture log and the README. */
function describeSpan(span) {
  const scope = span.instrumentationScope ?? span.instrumentationLibrary;
  const parent = span.parentSpanContext?.spanId ?? span.parentSpanId;
  const keys = Object.keys(span.attributes).sort();
  return `  ${span.name} [${scope?.name}@${scope?.version}] status=${span.status.code}${
    parent ? ' child' : ' root'
  } keys=${keys.join(',')}`;
}

/**
 * Run the scenarios (all, or the names given) and write `<scenario>.traces.{pb,json}` and a
 * `spans.txt` summary (headed by `header`: the versions) into `outputDir`. Returns the
 * finished spans per scenario.
 */
export async function captureScenarios({
  header,
  traceloop,
  client,
  mock,
  exporter,
  tracer,
  outputDir,
  only,
}) {
  await mkdir(outputDir, { recursive: true });
  const scenarios = traceloopScenarios({ traceloop, client, mock, tracer });
  const captured = {};
  const log = [header];
  for (const [name, run] of Object.entries(scenarios)) {
    if (only && !only.includes(name)) continue;
    exporter.reset();
    await run();
    // Simple processor: spans are exported as they end; the flush settles pending exports.
    await traceloop.forceFlush();
    const spans = exporter.getFinishedSpans();
    captured[name] = spans;
    await writeFile(
      join(outputDir, `${name}.traces.pb`),
      ProtobufTraceSerializer.serializeRequest(spans),
    );
    await writeFile(
      join(outputDir, `${name}.traces.json`),
      JsonTraceSerializer.serializeRequest(spans),
    );
    log.push(`${name}: ${spans.length} span(s)`, ...spans.map(describeSpan));
  }
  // What the SDK emitted, one line per span: kept next to the fixtures and diffed on recapture.
  // A partial run (`only`) leaves the full summary alone.
  if (!only) await writeFile(join(outputDir, 'spans.txt'), `${log.join('\n')}\n`);
  console.log(log.join('\n'));
  return captured;
}

/** Version of a package installed next to a capture script (`<package>/node_modules/<name>`). */
export function packageVersion(packageDir, name) {
  return JSON.parse(readFileSync(join(packageDir, 'node_modules', name, 'package.json'), 'utf8'))
    .version;
}
