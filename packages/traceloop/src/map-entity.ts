import {
  type AttributeReader,
  type CallKind,
  type PartialCall,
  isPlainObject,
  parseMaybeJson,
} from '@llm-analytics/core';
import {
  GEN_AI_AGENT_NAME,
  TRACELOOP_ENTITY_INPUT,
  TRACELOOP_ENTITY_NAME,
  TRACELOOP_ENTITY_OUTPUT,
  TRACELOOP_SPAN_KIND,
  TRACELOOP_WORKFLOW_NAME,
  TraceloopSpanKind,
} from '@llm-analytics/core/semconv';

/** `traceloop.span.kind` → our kind. Workflows and tasks are chains of steps. */
const KIND_BY_SPAN_KIND: Record<string, CallKind> = {
  [TraceloopSpanKind.workflow]: 'chain',
  [TraceloopSpanKind.task]: 'chain',
  [TraceloopSpanKind.agent]: 'agent',
  [TraceloopSpanKind.tool]: 'tool',
};

/**
 * The entity input Traceloop records is `{"args":[…],"kwargs":{…}}` (a single object argument
 * becomes the kwargs). Unwrapped to what the function was called with: the kwargs alone, the
 * one positional argument, the list of positional arguments, or both when both are present.
 */
export function unwrapEntityInput(value: unknown): unknown {
  const decoded = parseMaybeJson(value, true);
  if (!isPlainObject(decoded) || !('args' in decoded || 'kwargs' in decoded)) return decoded;
  const keys = Object.keys(decoded);
  if (keys.some((key) => key !== 'args' && key !== 'kwargs')) return decoded;
  const args = Array.isArray(decoded.args) ? decoded.args : [];
  const kwargs = isPlainObject(decoded.kwargs) ? decoded.kwargs : {};
  const hasKwargs = Object.keys(kwargs).length > 0;
  if (!hasKwargs) {
    if (args.length === 0) return undefined;
    return args.length === 1 ? args[0] : args;
  }
  return args.length === 0 ? kwargs : { args, kwargs };
}

/**
 * Workflow, task, agent and tool spans (and spans with only an entity input or output, such as
 * the MCP instrumentation's `initialize.mcp`): name, kind and input/output state.
 */
export function mapEntity(reader: AttributeReader): PartialCall | undefined {
  const spanKind = reader.string(TRACELOOP_SPAN_KIND);
  const entityName = reader.string(TRACELOOP_ENTITY_NAME);
  const hasState = reader.has(TRACELOOP_ENTITY_INPUT) || reader.has(TRACELOOP_ENTITY_OUTPUT);
  if (!spanKind && !entityName && !hasState) return undefined;
  const call: PartialCall = {};
  if (spanKind) call.kind = KIND_BY_SPAN_KIND[spanKind] ?? 'span';
  // LangChain's chains are workflows named only by `traceloop.workflow.name`.
  const name =
    entityName ??
    (spanKind === TraceloopSpanKind.workflow ? reader.string(TRACELOOP_WORKFLOW_NAME) : undefined);
  if (name) call.spanName = name;
  const input = reader.raw(TRACELOOP_ENTITY_INPUT);
  const output = reader.raw(TRACELOOP_ENTITY_OUTPUT);
  if (input !== undefined) call.inputState = unwrapEntityInput(input);
  if (output !== undefined) call.outputState = parseMaybeJson(output, true);
  if (spanKind === TraceloopSpanKind.agent) {
    // 0.16 does not set gen_ai.agent.name: the agent's own name is the entity name.
    const agentName = reader.string(GEN_AI_AGENT_NAME) ?? entityName;
    if (agentName) call.properties = { $ai_agent_name: agentName };
  }
  return call;
}
