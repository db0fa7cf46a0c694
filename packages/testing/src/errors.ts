export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** An error body shaped like the ones api.openai.com returns for a status. */
export function openAIErrorBody(status: number, model = 'gpt-4o-mini'): OpenAIErrorBody {
  const error = (message: string, type: string, code: string | null = null): OpenAIErrorBody => ({
    error: { message, type, param: null, code },
  });
  switch (status) {
    case 400:
      return error('Invalid request (mock).', 'invalid_request_error');
    case 401:
      return error(
        'Incorrect API key provided: sk-mock. You can find your API key at https://platform.openai.com/account/api-keys.',
        'invalid_request_error',
        'invalid_api_key',
      );
    case 403:
      return error('You are not allowed to access this resource (mock).', 'invalid_request_error');
    case 404:
      return error(
        `The model \`${model}\` does not exist or you do not have access to it.`,
        'invalid_request_error',
        'model_not_found',
      );
    case 429:
      return error(
        `Rate limit reached for ${model} in organization org-mock on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
        'requests',
        'rate_limit_exceeded',
      );
    case 500:
      return error(
        'The server had an error while processing your request. Sorry about that!',
        'server_error',
      );
    case 503:
      return error('The server is overloaded or not ready yet.', 'server_error');
    default:
      return error(
        `Mock error ${status}.`,
        status >= 500 ? 'server_error' : 'invalid_request_error',
      );
  }
}
