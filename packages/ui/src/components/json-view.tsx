/** JSON shown as text in a collapsible block: never parsed into markup. */
import type { ComponentChildren } from 'preact';

export function toPrettyJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch (error) {
    return `<unserializable: ${String(error)}>`;
  }
}

/** A JSON string pretty-printed, or the string itself when it is not JSON. */
export function prettyIfJson(text: string): string {
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed)) return text;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    // Looked like JSON but isn't: show it as written.
    return text;
  }
}

export function JsonBlock(props: { value: unknown; class?: string }) {
  const text =
    typeof props.value === 'string' ? prettyIfJson(props.value) : toPrettyJson(props.value);
  return <pre class={`code${props.class ? ` ${props.class}` : ''}`}>{text}</pre>;
}

export function Collapsible(props: {
  summary: ComponentChildren;
  children: ComponentChildren;
  open?: boolean;
  class?: string;
  testId?: string;
}) {
  return (
    <details
      class={`collapsible${props.class ? ` ${props.class}` : ''}`}
      open={props.open}
      data-testid={props.testId}
    >
      <summary>{props.summary}</summary>
      <div class="collapsible-body">{props.children}</div>
    </details>
  );
}
