/** The selected span: its numbers, its conversation or input/output, and the raw event. */
import type { ComponentChildren } from 'preact';
import type { AiEvent } from '../api/types';
import { Collapsible, JsonBlock, toPrettyJson } from '../components/json-view';
import { isErrorEvent, numberProp, spanKind, spanName, stringProp } from '../lib/event-fields';
import { formatCount, formatFullTime, formatSeconds, formatUsd } from '../lib/format';
import { readMessages, readTools } from '../lib/messages';
import { Conversation, LongText, Message, ToolDefinitions } from './conversation';
import { KindBadge } from './span-tree';

function Metric(props: { label: string; children: ComponentChildren; testId?: string }) {
  return (
    <div class="metric" data-testid={props.testId}>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

/** Workflow and agent state is often a message list: show it as one. */
function looksLikeMessages(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((item) => typeof item === 'object' && item !== null && 'role' in item)
  );
}

function StateBlock(props: { title: string; value: unknown }) {
  if (props.value === undefined || props.value === null) return null;
  if (looksLikeMessages(props.value))
    return (
      <section class="conversation-part">
        <h3 class="section-title">{props.title}</h3>
        {(readMessages(props.value, 'user') ?? []).map((message, index) => (
          <Message key={index} message={message} />
        ))}
      </section>
    );
  return (
    <section class="state-block">
      <h3 class="section-title">{props.title}</h3>
      {typeof props.value === 'string' ? (
        <LongText text={props.value} class="text-box" />
      ) : (
        <JsonBlock value={props.value} />
      )}
    </section>
  );
}

const PARAMETER_KEYS: Array<[string, string]> = [
  ['$ai_temperature', 'temperature'],
  ['$ai_max_tokens', 'max tokens'],
  ['$ai_stream', 'stream'],
];

function parameters(event: AiEvent): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const [key, label] of PARAMETER_KEYS) {
    const value = event.properties[key];
    if (value !== undefined && value !== null) found.push([label, String(value)]);
  }
  const extra = event.properties['$ai_model_parameters'];
  if (extra && typeof extra === 'object' && !Array.isArray(extra))
    for (const [key, value] of Object.entries(extra as Record<string, unknown>))
      if (!found.some(([label]) => label === key))
        found.push([key, typeof value === 'string' ? value : JSON.stringify(value)]);
  return found;
}

/** Pass-through properties: the user's own dimensions (`tenant_id`, `plan`, …). */
function customProperties(event: AiEvent): Array<[string, unknown]> {
  return Object.entries(event.properties).filter(([key]) => !key.startsWith('$'));
}

export function SpanDetail(props: { event: AiEvent }) {
  const { event } = props;
  const kind = spanKind(event);
  const model = stringProp(event, '$ai_model');
  const provider = stringProp(event, '$ai_provider');
  const inputTokens = numberProp(event, '$ai_input_tokens');
  const outputTokens = numberProp(event, '$ai_output_tokens');
  const cached = numberProp(event, '$ai_cache_read_input_tokens');
  const reasoning = numberProp(event, '$ai_reasoning_tokens');
  const cost = numberProp(event, '$ai_total_cost_usd');
  const ttft = numberProp(event, '$ai_time_to_first_token');
  const stopReason = stringProp(event, '$ai_stop_reason');
  const error = isErrorEvent(event);
  const input = readMessages(event.properties['$ai_input'], 'user');
  const output = readMessages(event.properties['$ai_output_choices'], 'assistant');
  const tools = readTools(event.properties['$ai_tools']);
  const params = parameters(event);
  const custom = customProperties(event);

  return (
    <div class="span-detail" data-testid="span-detail" data-span-kind={kind}>
      <header class="span-detail-head">
        <KindBadge kind={kind} />
        <h2 class="span-title" data-testid="span-title">
          {spanName(event)}
        </h2>
        {model ? <span class="chip chip-model">{model}</span> : null}
        {provider ? <span class="muted small">{provider}</span> : null}
      </header>
      <dl class="metrics">
        <Metric label="Latency">{formatSeconds(numberProp(event, '$ai_latency'))}</Metric>
        {ttft !== undefined ? (
          <Metric label="Time to first token">{formatSeconds(ttft)}</Metric>
        ) : null}
        {inputTokens !== undefined ? (
          <Metric label="Input tokens" testId="metric-input-tokens">
            {formatCount(inputTokens)}
            {cached ? <span class="muted small"> ({formatCount(cached)} cached)</span> : null}
          </Metric>
        ) : null}
        {outputTokens !== undefined ? (
          <Metric label="Output tokens" testId="metric-output-tokens">
            {formatCount(outputTokens)}
            {reasoning ? (
              <span class="muted small"> ({formatCount(reasoning)} reasoning)</span>
            ) : null}
          </Metric>
        ) : null}
        {cost !== undefined ? (
          <Metric label="Cost" testId="metric-cost">
            {formatUsd(cost)}
          </Metric>
        ) : null}
        {stopReason ? (
          <Metric label="Stop reason" testId="metric-stop-reason">
            {stopReason}
          </Metric>
        ) : null}
        <Metric label="Status">
          {error ? (
            <span class="badge badge-error">error</span>
          ) : (
            <span class="badge badge-ok">ok</span>
          )}
        </Metric>
        <Metric label="Started">
          <span title={formatFullTime(event.timestamp)}>
            {new Date(event.timestamp).toLocaleTimeString()}
          </span>
        </Metric>
      </dl>
      {error ? (
        <div class="banner banner-error" data-testid="span-error">
          {stringProp(event, '$ai_error') ?? 'The call failed.'}
          {(stringProp(event, '$ai_http_status') ?? numberProp(event, '$ai_http_status')) ? (
            <span class="muted"> (HTTP {String(event.properties['$ai_http_status'])})</span>
          ) : null}
        </div>
      ) : null}
      {params.length ? (
        <div class="params" aria-label="Request parameters">
          {params.map(([label, value]) => (
            <span class="chip" key={label}>
              <span class="chip-label">{label}</span>
              <span class="chip-value">{value}</span>
            </span>
          ))}
        </div>
      ) : null}
      <ToolDefinitions tools={tools} />
      {input || output ? <Conversation input={input} output={output} /> : null}
      <StateBlock title="Input" value={event.properties['$ai_input_state']} />
      <StateBlock title="Output" value={event.properties['$ai_output_state']} />
      {custom.length ? (
        <section>
          <h3 class="section-title">Properties</h3>
          <dl class="kv">
            {custom.map(([key, value]) => (
              <div key={key} class="kv-row">
                <dt class="mono">{key}</dt>
                <dd class="mono">{typeof value === 'string' ? value : toPrettyJson(value)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      <Collapsible summary="Raw event" testId="raw-event">
        <JsonBlock
          value={{
            event: event.event,
            distinct_id: event.distinct_id,
            uuid: event.uuid,
            timestamp: event.timestamp,
            properties: event.properties,
          }}
        />
      </Collapsible>
    </div>
  );
}
