/** The error body api.anthropic.com sends: `{ type: 'error', error: { type, message }, request_id }`. */
export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string };
  request_id?: string;
}

/** Anthropic's error type for an HTTP status (docs: "Errors", HTTP errors table). */
export function anthropicErrorType(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 504:
      return 'timeout_error';
    case 529:
      return 'overloaded_error';
    default:
      return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

function defaultMessage(status: number, model: string): string {
  switch (status) {
    case 400:
      return 'Invalid request (mock).';
    case 401:
      return 'invalid x-api-key';
    case 403:
      return 'Your API key does not have permission to use the specified resource.';
    case 404:
      return `model: ${model}`;
    case 413:
      return 'Request exceeds the maximum allowed number of bytes.';
    case 429:
      return 'This request would exceed the rate limit for your organization of 50 requests per minute (mock). Please try again later.';
    case 500:
      return 'Internal server error';
    case 529:
      return 'Overloaded';
    default:
      return `Mock error ${status}.`;
  }
}

/** An error body shaped like the ones the Messages API returns for a status. */
export function anthropicErrorBody(
  status: number,
  options: { model?: string; message?: string; requestId?: string } = {},
): AnthropicErrorBody {
  const body: AnthropicErrorBody = {
    type: 'error',
    error: {
      type: anthropicErrorType(status),
      message: options.message ?? defaultMessage(status, options.model ?? 'claude-sonnet-4-5'),
    },
  };
  if (options.requestId !== undefined) body.request_id = options.requestId;
  return body;
}
