import {
  type AttributeReader,
  type PartialCall,
  type SpanRecord,
  isPlainObject,
  parseMaybeJson,
} from '@llm-analytics/core';
import {
  GEN_AI_OPERATION_NAME,
  GenAiOperation,
  TRACELOOP_LANGCHAIN_SCOPE,
  TRACELOOP_MCP_SCOPE,
} from '@llm-analytics/core/semconv';

/**
 * What Traceloop's LangChain and MCP instrumentations record on their entity spans, in the
 * shape the SDK's own tools have (checked with 0.27.0 against `@langchain/core` 1.4 and
 * `@modelcontextprotocol/sdk` 1.32):
 * - LangChain tools are `task` spans with `gen_ai.operation.name: execute_tool`, named after
 *   the tool's class (`DynamicStructuredTool`); the input is `{"args":["<JSON arguments>"]}`
 *   and the output the serialized `ToolMessage`, which has the tool's name and the result.
 * - MCP tools are `tool` spans whose input is `{"tool_name", "arguments"}` and output
 *   `{"result"}`.
 */

/** `{lc: 1, type: 'constructor', id: [..., 'ToolMessage'], kwargs}`: LangChain's serialization. */
function serializedToolMessage(value: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(value) || value.type !== 'constructor' || !Array.isArray(value.id))
    return undefined;
  if (value.id.at(-1) !== 'ToolMessage' || !isPlainObject(value.kwargs)) return undefined;
  return value.kwargs;
}

/** A JSON object or array written as text (LangChain passes tool arguments as a JSON string). */
function decodeJsonText(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value;
  return parseMaybeJson(value, true);
}

function refineLangChainEntity(reader: AttributeReader, call: PartialCall): void {
  if (reader.attributes[GEN_AI_OPERATION_NAME] !== GenAiOperation.executeTool) return;
  call.kind = 'tool';
  call.inputState = decodeJsonText(call.inputState);
  const message = serializedToolMessage(call.outputState);
  if (!message) return;
  if (typeof message.name === 'string' && message.name !== '') call.spanName = message.name;
  if (message.content !== undefined) call.outputState = decodeJsonText(message.content);
}

function refineMcpEntity(call: PartialCall): void {
  const input = call.inputState;
  if (isPlainObject(input) && 'tool_name' in input && 'arguments' in input) {
    call.inputState = input.arguments;
  }
  const output = call.outputState;
  if (isPlainObject(output) && Object.keys(output).length === 1 && 'result' in output) {
    call.outputState = output.result;
  }
}

/** Refines an entity span of the LangChain or MCP instrumentation in place. */
export function refineInstrumentationEntity(
  span: SpanRecord,
  reader: AttributeReader,
  call: PartialCall,
): void {
  if (span.scope.name === TRACELOOP_LANGCHAIN_SCOPE) refineLangChainEntity(reader, call);
  else if (span.scope.name === TRACELOOP_MCP_SCOPE) refineMcpEntity(call);
}
