/**
 * The conversation of a generation: messages by role, tool calls and results, multi-part
 * content. All LLM content is untrusted and rendered as text nodes, never as HTML: no
 * markdown, no links, no images loaded from URLs in the content.
 */
import { useState } from 'preact/hooks';
import { Collapsible, JsonBlock, prettyIfJson } from '../components/json-view';
import type { MessageView, PartView, ToolDefinitionView } from '../lib/messages';

const CLAMP_CHARS = 4000;

/** Long text shows its start and a button for the rest. */
export function LongText(props: { text: string; class?: string }) {
  const [full, setFull] = useState(false);
  const long = props.text.length > CLAMP_CHARS;
  const shown = long && !full ? `${props.text.slice(0, CLAMP_CHARS)}…` : props.text;
  return (
    <div class={`text${props.class ? ` ${props.class}` : ''}`}>
      {shown}
      {long ? (
        <button type="button" class="link-button show-more" onClick={() => setFull(!full)}>
          {full ? 'Show less' : `Show all ${props.text.length.toLocaleString()} characters`}
        </button>
      ) : null}
    </div>
  );
}

function ToolArguments(props: { value: unknown }) {
  if (props.value === undefined || props.value === '')
    return <span class="muted small">no arguments</span>;
  return <JsonBlock value={props.value} class="code-compact" />;
}

function Part(props: { part: PartView }) {
  const { part } = props;
  switch (part.kind) {
    case 'text':
      return <LongText text={part.text} />;
    case 'reasoning':
      return (
        <Collapsible summary="Reasoning" class="reasoning">
          <LongText text={part.text} class="muted" />
        </Collapsible>
      );
    case 'media':
      return (
        <div class="media-part" data-part="media">
          <span class="badge">{part.label}</span>
          {part.detail ? (
            <span class="mono small truncate" title={part.detail}>
              {part.detail}
            </span>
          ) : null}
        </div>
      );
    case 'tool-call':
      return (
        <div class="tool-call" data-tool-call={part.call.name}>
          <div class="tool-call-head">
            <span class="tool-icon" aria-hidden="true">
              ƒ
            </span>
            <span class="strong mono">{part.call.name}</span>
            <span class="muted small">tool call</span>
            {part.call.id ? <span class="mono muted small">{part.call.id}</span> : null}
          </div>
          <ToolArguments value={part.call.arguments} />
        </div>
      );
    case 'tool-result':
      return (
        <div class="tool-result">
          {part.id ? <div class="mono muted small">{part.id}</div> : null}
          <JsonBlock value={part.result} class="code-compact" />
        </div>
      );
    case 'data':
      return (
        <div class="data-part">
          <span class="badge">{part.label}</span>
          <JsonBlock value={part.value} class="code-compact" />
        </div>
      );
  }
}

const ROLE_LABELS: Record<string, string> = {
  system: 'System',
  developer: 'Developer',
  user: 'User',
  assistant: 'Assistant',
  tool: 'Tool result',
  function: 'Function result',
};

export function Message(props: { message: MessageView }) {
  const { message } = props;
  const role = message.role.toLowerCase();
  const parts =
    role === 'tool' || role === 'function'
      ? message.parts.map((part) =>
          part.kind === 'text' ? { ...part, text: prettyIfJson(part.text) } : part,
        )
      : message.parts;
  return (
    <article class={`msg msg-${ROLE_LABELS[role] ? role : 'other'}`} data-role={role}>
      <header class="msg-head">
        <span class="msg-role">{ROLE_LABELS[role] ?? message.role}</span>
        {message.name ? <span class="mono small">{message.name}</span> : null}
        {message.toolCallId ? <span class="mono muted small">{message.toolCallId}</span> : null}
        {message.finishReason ? (
          <span class="badge badge-quiet" title="Finish reason">
            {message.finishReason}
          </span>
        ) : null}
      </header>
      <div class="msg-body">
        {parts.length ? (
          parts.map((part, index) => <Part key={index} part={part} />)
        ) : (
          <span class="muted small">(empty)</span>
        )}
      </div>
    </article>
  );
}

export function Conversation(props: {
  input: MessageView[] | undefined;
  output: MessageView[] | undefined;
}) {
  return (
    <div class="conversation" data-testid="conversation">
      {props.input ? (
        <section class="conversation-part" data-testid="conversation-input">
          <h3 class="section-title">
            Input{' '}
            <span class="muted">
              · {props.input.length} message{props.input.length === 1 ? '' : 's'}
            </span>
          </h3>
          {props.input.map((message, index) => (
            <Message key={index} message={message} />
          ))}
        </section>
      ) : null}
      {props.output?.length ? (
        <section class="conversation-part" data-testid="conversation-output">
          <h3 class="section-title">Output</h3>
          {props.output.map((message, index) => (
            <Message key={index} message={message} />
          ))}
        </section>
      ) : null}
    </div>
  );
}

export function ToolDefinitions(props: { tools: ToolDefinitionView[] }) {
  if (!props.tools.length) return null;
  return (
    <Collapsible
      summary={
        <>
          Tools <span class="muted">· {props.tools.map((tool) => tool.name).join(', ')}</span>
        </>
      }
      testId="tool-definitions"
    >
      <ul class="tool-list">
        {props.tools.map((tool, index) => (
          <li key={index} class="tool-def">
            <div class="strong mono">{tool.name}</div>
            {tool.description ? <div class="muted">{tool.description}</div> : null}
            {tool.schema !== undefined ? (
              <JsonBlock value={tool.schema} class="code-compact" />
            ) : null}
          </li>
        ))}
      </ul>
    </Collapsible>
  );
}
