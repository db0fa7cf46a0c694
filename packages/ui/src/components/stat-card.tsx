import type { ComponentChildren } from 'preact';

export function StatCard(props: {
  label: string;
  value: ComponentChildren;
  detail?: ComponentChildren;
  tone?: 'danger';
  testId?: string;
}) {
  return (
    <div class={`stat${props.tone ? ` stat-${props.tone}` : ''}`} data-testid={props.testId}>
      <div class="stat-label">{props.label}</div>
      <div class="stat-value">{props.value}</div>
      {props.detail ? <div class="stat-detail">{props.detail}</div> : null}
    </div>
  );
}
