/** A failed call: message, type and status up front, the stack folded away. */
import type { ErrorInfo } from '../lib/error-info';
import { Collapsible } from './json-view';

export function ErrorBlock(props: { info: ErrorInfo | undefined; httpStatus: unknown }) {
  const { info } = props;
  const status =
    info?.status ??
    (typeof props.httpStatus === 'number' || typeof props.httpStatus === 'string'
      ? String(props.httpStatus)
      : undefined);
  return (
    <div class="banner banner-error error-block" data-testid="span-error">
      <div class="error-head">
        {info?.type ? (
          <span class="error-type" data-testid="error-type">
            {info.type}
          </span>
        ) : null}
        {status ? (
          <span class="muted" data-testid="error-status">
            HTTP {status}
          </span>
        ) : null}
      </div>
      <div class="error-message" data-testid="error-message">
        {info?.message ?? 'The call failed.'}
      </div>
      {info?.stack ? (
        <Collapsible summary="Stack trace" testId="error-stack">
          <pre class="error-stack">{info.stack}</pre>
        </Collapsible>
      ) : null}
    </div>
  );
}
