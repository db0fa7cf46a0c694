import {
  AttributeReader,
  type Normalizer,
  type PartialCall,
  type SpanRecord,
} from '@llm-analytics/core';
import {
  GEN_AI_OPERATION_NAME,
  TRACELOOP_ENTITY_INPUT,
  TRACELOOP_ENTITY_OUTPUT,
  TRACELOOP_ENTITY_PATH,
  TRACELOOP_LLM_REQUEST_TYPE,
  TRACELOOP_PREFIX,
  TRACELOOP_SCOPE_PREFIX,
  TRACELOOP_SPAN_KIND,
  TRACELOOP_WORKFLOW_NAME,
} from '@llm-analytics/core/semconv';
import { readAssociationProperties } from './map-association';
import { mapEntity } from './map-entity';
import { refineInstrumentationEntity } from './map-instrumentation-entities';
import { classifyLlmSpan, readIndexedContent, readLegacyRequest } from './map-llm';
import { readStream, readTraceloopUsage } from './map-usage';

/**
 * A workflow / task / agent / tool span, or (MCP `initialize.mcp`, `tools/list.mcp`) a span
 * with only an entity input or output: never an LLM span.
 */
function isEntitySpan(reader: AttributeReader): boolean {
  if (reader.has(TRACELOOP_SPAN_KIND)) return true;
  if (reader.has(GEN_AI_OPERATION_NAME) || reader.has(TRACELOOP_LLM_REQUEST_TYPE)) return false;
  return reader.has(TRACELOOP_ENTITY_INPUT) || reader.has(TRACELOOP_ENTITY_OUTPUT);
}

function fromTraceloopScope(span: SpanRecord): boolean {
  return span.scope.name.startsWith(TRACELOOP_SCOPE_PREFIX);
}

/**
 * A Traceloop span: emitted by a Traceloop instrumentation or the SDK, or carrying its keys
 * (`traceloop.*` on every span under a workflow, `llm.request.type` on LLM spans of the
 * indexed form, also from Python OpenLLMetry).
 */
export function isTraceloopSpan(span: SpanRecord): boolean {
  if (fromTraceloopScope(span)) return true;
  const attributes = span.attributes;
  if (Object.prototype.hasOwnProperty.call(attributes, TRACELOOP_LLM_REQUEST_TYPE)) return true;
  for (const key in attributes) if (key.startsWith(TRACELOOP_PREFIX)) return true;
  return false;
}

/**
 * Traceloop / OpenLLMetry spans → part of a call. Runs before the core's OTel GenAI
 * normalizer, which maps the current `gen_ai.*` form; this one adds what Traceloop does
 * differently: the indexed form of 0.16 and older, workflow/task/agent/tool spans, association
 * properties and the workflow name.
 */
export function normalizeTraceloop(span: SpanRecord): PartialCall | undefined {
  const reader = new AttributeReader(span.attributes);
  const ownScope = fromTraceloopScope(span);
  const call: PartialCall = {};

  const association = readAssociationProperties(reader);
  if (association) {
    call.distinctId = association.distinctId;
    call.sessionId = association.sessionId;
    call.properties = { ...association.properties };
  }
  call.traceName = reader.string(TRACELOOP_WORKFLOW_NAME);

  if (isEntitySpan(reader)) {
    const entity = mapEntity(reader);
    if (entity) {
      refineInstrumentationEntity(span, reader, entity);
      const { properties, ...rest } = entity;
      Object.assign(call, rest);
      if (properties) call.properties = { ...call.properties, ...properties };
    }
  } else {
    Object.assign(call, classifyLlmSpan(reader, ownScope));
    const content = readIndexedContent(reader);
    call.input = content.input;
    call.output = content.output;
    call.stopReason = content.stopReason;
    Object.assign(call, readLegacyRequest(reader));
    const stream = readStream(reader);
    call.stream = stream;
    call.usage = readTraceloopUsage(reader, span, stream);
  }

  // `traceloop.span.kind` and `traceloop.entity.path` / `.version` are not consumed: they
  // travel as properties, since `$ai_span_kind` cannot tell a workflow from a task. An empty
  // path (a top-level entity) says nothing and is dropped.
  reader.consumed.delete(TRACELOOP_SPAN_KIND);
  if (span.attributes[TRACELOOP_ENTITY_PATH] === '') reader.consume(TRACELOOP_ENTITY_PATH);
  call.consumedKeys = reader.consumed;
  return call;
}

/** The Traceloop / OpenLLMetry normalizer (the one of `traceloopIntegration`). */
export const traceloopNormalizer: Normalizer = {
  name: 'traceloop',
  matches: isTraceloopSpan,
  normalize: normalizeTraceloop,
};
