/** The selected span: its numbers, its conversation or input/output, and the raw event. */
import type { ComponentChildren } from 'preact';
import type { AiEvent, ScoreRow } from '../api/types';
import { Collapsible, JsonBlock, toPrettyJson } from '../components/json-view';
import {
  inputWithCache,
  isErrorEvent,
  numberProp,
  spanKind,
  spanName,
  stringProp,
} from '../lib/event-fields';
import { formatCount, formatFullTime, formatSeconds, formatUsd } from '../lib/format';
import { readMessages, readTools } from '../lib/messages';
import { Conversation, LongText, Message, ToolDefinitions } from './conversation';
import { KindBadge } from './span-tree';
import { P } from '../lib/event-keys';
import { CallCost } from '../components/cost-value';
import { ErrorBlock } from '../components/error-block';
import { ESTIMATED_TITLE } from '../components/token-count';
import { readError } from '../lib/error-info';
import { NoContentHint } from './no-content-hint';
import { ScoreList } from './score-list';

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
  [P.temperature, 'temperature'],
  [P.maxTokens, 'max tokens'],
  [P.stream, 'stream'],
];

function parameters(event: AiEvent): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const [key, label] of PARAMETER_KEYS) {
    const value = event.properties[key];
    if (value !== undefined && value !== null) found.push([label, String(value)]);
  }
  const extra = event.properties[P.modelParameters];
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

export function SpanDetail(props: { event: AiEvent; scores?: readonly ScoreRow[] }) {
  const { event } = props;
  const kind = spanKind(event);
  const model = stringProp(event, P.model);
  const provider = stringProp(event, P.provider);
  const cached = numberProp(event, P.cacheReadInputTokens);
  const cacheWrite = numberProp(event, P.cacheCreationInputTokens);
  const inputTokens = inputWithCache(event);
  const outputTokens = numberProp(event, P.outputTokens);
  const estimated = event.properties[P.usageEstimated] === true;
  const costError = stringProp(event, P.costError);
  const errorInfo = readError(event.properties[P.error]);
  const modelCall = kind === 'generation' || kind === 'embedding';
  const reasoning = numberProp(event, P.reasoningTokens);
  const cost = numberProp(event, P.totalCostUsd);
  const ttft = numberProp(event, P.timeToFirstToken);
  const stopReason = stringProp(event, P.stopReason);
  const error = isErrorEvent(event);
  const input = readMessages(event.properties[P.input], 'user');
  const output = readMessages(event.properties[P.outputChoices], 'assistant');
  const tools = readTools(event.properties[P.tools]);
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
        <Metric label="Latency">{formatSeconds(numberProp(event, P.latency))}</Metric>
        {ttft !== undefined ? (
          <Metric label="Time to first token">{formatSeconds(ttft)}</Metric>
        ) : null}
        {inputTokens !== undefined ? (
          <Metric label="Input tokens" testId="metric-input-tokens">
            <span title={estimated ? ESTIMATED_TITLE : 'Cache included'}>
              {estimated ? '~' : ''}
              {formatCount(inputTokens)}
            </span>
            {cached || cacheWrite ? (
              <span class="muted small">
                {' '}
                (
                {[
                  cached ? `${formatCount(cached)} cached` : '',
                  cacheWrite ? `${formatCount(cacheWrite)} cache write` : '',
                ]
                  .filter(Boolean)
                  .join(', ')}
                )
              </span>
            ) : null}
            {estimated ? <span class="badge badge-muted small">estimated</span> : null}
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
        ) : modelCall ? (
          <Metric label="Cost" testId="metric-cost">
            <CallCost cost={null} reason={costError ?? null} />
            {costError ? <span class="muted small"> {costError}</span> : null}
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
      {error ? <ErrorBlock info={errorInfo} httpStatus={event.properties[P.httpStatus]} /> : null}
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
      <ScoreList scores={props.scores ?? []} title="Scores of this call" testId="span-scores" />
      <ToolDefinitions tools={tools} />
      {input || output ? (
        <Conversation input={input} output={error && !output?.length ? undefined : output} />
      ) : null}
      {modelCall && !input && !output ? <NoContentHint failed={error} /> : null}
      <StateBlock title="Input" value={event.properties[P.inputState]} />
      <StateBlock title="Output" value={event.properties[P.outputState]} />
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
