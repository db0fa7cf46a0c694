/**
 * A model call that arrived without messages: say why that usually happens and which setting
 * fixes it, so nobody concludes the messages were lost.
 */
export function NoContentHint(props: { failed: boolean }) {
  return (
    <aside class="banner banner-info no-content" data-testid="no-content-hint">
      <strong>No content captured for this call.</strong>{' '}
      {props.failed ? 'The call failed before a response; ' : ''}The usual causes:
      <ul>
        <li>
          Content capture is off in the instrumentation: set{' '}
          <code>OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true</code> (OpenTelemetry
          OpenAI), <code>traceContent: true</code> (Traceloop), <code>recordInputs</code> /{' '}
          <code>recordOutputs</code> (Vercel AI SDK telemetry), or unset{' '}
          <code>OPENINFERENCE_HIDE_INPUTS</code> / <code>OPENINFERENCE_HIDE_OUTPUTS</code>.
        </li>
        <li>
          The messages travel as OpenTelemetry log records that are not exported: add a log record
          exporter to <code>/i/v0/ai/otel/v1/logs</code> (the node-sdk setup does it).
        </li>
        <li>
          Privacy mode drops content on purpose: <code>privacyMode</code> in the processor, or{' '}
          <code>--privacy</code> on the server.
        </li>
        <li>
          Manual capture: send <code>$ai_input</code> and <code>$ai_output_choices</code> with the
          event.
        </li>
      </ul>
    </aside>
  );
}
