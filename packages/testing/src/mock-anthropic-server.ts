import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { anthropicErrorBody } from './anthropic-errors';
import { handleMessages, messageStartEvent } from './anthropic-messages';
import { countPromptTokens, PromptCache } from './anthropic-usage';
import type {
  MockAnthropicFault,
  MockAnthropicOptions,
  MockAnthropicServer,
} from './anthropic-types';
import { FaultQueue } from './fault-queue';
import { closeServer, listen, queryToRecord, readBody, sendJson, sleep } from './http-utils';
import { asArray, asRecord, asString, type JsonRecord } from './json-utils';
import { createMockContext, streamSseEvents, type MockContext } from './mock-context';
import { MOCK_STATUS_HEADER } from './mock-openai-server';
import type { RecordedRequest } from './types';

/** Models listed by `GET /v1/models`. */
const LISTED_MODELS = ['claude-sonnet-4-5-20250929', 'claude-haiku-4-5-20251001'] as const;

/**
 * Starts a deterministic mock of the Anthropic Messages API on loopback (its own server: the
 * Anthropic client's `baseURL` has no `/v1`, and its auth header and error bodies differ from
 * OpenAI's). Pass `url` as `baseURL` to the Anthropic client, with `maxRetries: 0` when testing
 * errors (the client retries 408, 409, 429 and 5xx, 529 included).
 */
export async function startMockAnthropic(
  options: MockAnthropicOptions = {},
): Promise<MockAnthropicServer> {
  const host = options.host ?? '127.0.0.1';
  const context = createMockContext({
    embeddingDimensions: 0,
    cacheMinTokens: options.cacheMinTokens ?? 1024,
    streamChunkDelayMs: options.streamChunkDelayMs ?? 0,
  });
  const cache = new PromptCache(context.cacheMinTokens);
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    const requestId = context.nextId('req_mock_');
    response.setHeader('request-id', requestId);
    handleRequest(request, response, requestId).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      sendJson(
        response,
        500,
        anthropicErrorBody(500, { message: `Mock server failure: ${message}`, requestId }),
      );
    });
  });

  async function handleRequest(
    request: IncomingMessage,
    response: ServerResponse,
    requestId: string,
  ): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://mock.invalid');
    const rawBody = (await readBody(request)).toString('utf8');
    const body = parseJson(rawBody);
    requests.push({
      method: request.method ?? 'GET',
      path: url.pathname,
      query: queryToRecord(url.searchParams),
      headers: request.headers,
      body,
      rawBody,
      receivedAt: Date.now(),
    });
    const record = asRecord(body);
    const model = asString(record.model);
    const fault: MockAnthropicFault | undefined = faults.take(url.pathname);
    await sleep((options.responseDelayMs ?? 0) + (fault?.delayMs ?? 0));
    const headerStatus = Number(request.headers[MOCK_STATUS_HEADER]);
    const status =
      fault?.status ??
      (Number.isInteger(headerStatus) && headerStatus >= 400 ? headerStatus : undefined);
    if (status !== undefined) {
      if (fault?.midStream && record.stream === true) {
        await sendMidStreamError(context, response, status, model, requestId);
      } else {
        sendFault(response, { ...fault, status }, model, requestId);
      }
      return;
    }
    if (options.apiKey !== undefined && !authorized(request, options.apiKey)) {
      sendJson(response, 401, anthropicErrorBody(401, { requestId }));
      return;
    }
    if (rawBody.length > 0 && body === undefined) {
      sendJson(
        response,
        400,
        anthropicErrorBody(400, { message: 'There was an error parsing the body.', requestId }),
      );
      return;
    }
    await route(request.method ?? 'GET', url.pathname, record, response, requestId);
  }

  async function route(
    method: string,
    pathname: string,
    body: JsonRecord,
    response: ServerResponse,
    requestId: string,
  ): Promise<void> {
    // Accept paths with or without the `/v1` prefix (a `baseURL` that already ends in /v1).
    const path = pathname.replace(/^\/v1(?=\/)/, '').replace(/\/+$/, '');
    if (method === 'POST' && (path === '/messages' || path === '/messages/count_tokens')) {
      const problem = invalidRequest(body, path === '/messages');
      if (problem !== undefined) {
        sendJson(response, 400, anthropicErrorBody(400, { message: problem, requestId }));
      } else if (path === '/messages') {
        await handleMessages(context, cache, body, response);
      } else {
        sendJson(response, 200, { input_tokens: countPromptTokens(body) });
      }
    } else if (method === 'GET' && path === '/models') {
      sendJson(response, 200, {
        data: LISTED_MODELS.map((id) => ({
          type: 'model',
          id,
          display_name: id,
          created_at: '2025-09-29T00:00:00Z',
        })),
        has_more: false,
        first_id: LISTED_MODELS[0],
        last_id: LISTED_MODELS.at(-1),
      });
    } else {
      sendJson(
        response,
        404,
        anthropicErrorBody(404, { message: `Not found: ${method} ${pathname}`, requestId }),
      );
    }
  }

  const port = await listen(server, options.port ?? 0, host);
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    requests,
    inject: (fault: MockAnthropicFault) => faults.add(fault),
    clearCache: () => cache.clear(),
    reset() {
      requests.length = 0;
      faults.clear();
      cache.clear();
      context.resetCounters();
    },
    close: () => closeServer(server),
  };
}

function authorized(request: IncomingMessage, apiKey: string): boolean {
  return (
    request.headers['x-api-key'] === apiKey || request.headers.authorization === `Bearer ${apiKey}`
  );
}

/** The API's 400 for a missing required field, in its wording. */
function invalidRequest(body: JsonRecord, needsMaxTokens: boolean): string | undefined {
  if (typeof body.model !== 'string' || body.model === '') return 'model: Field required';
  if (needsMaxTokens && typeof body.max_tokens !== 'number') return 'max_tokens: Field required';
  if (!Array.isArray(body.messages)) return 'messages: Field required';
  if (asArray(body.messages).length === 0) return 'messages: at least one message is required';
  return undefined;
}

function sendFault(
  response: ServerResponse,
  fault: MockAnthropicFault,
  model: string | undefined,
  requestId: string,
): void {
  const status = fault.status ?? 500;
  const headers: Record<string, string> = { ...fault.headers };
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  if (status === 429) {
    headers['anthropic-ratelimit-requests-limit'] ??= '50';
    headers['anthropic-ratelimit-requests-remaining'] ??= '0';
  }
  if (typeof fault.body === 'string') {
    response.writeHead(status, { 'content-type': 'text/plain', ...headers });
    response.end(fault.body);
    return;
  }
  sendJson(
    response,
    status,
    fault.body ?? anthropicErrorBody(status, { model, requestId }),
    headers,
  );
}

/** 200, `message_start`, then an `error` event: how the API fails a stream already under way. */
async function sendMidStreamError(
  context: MockContext,
  response: ServerResponse,
  status: number,
  model: string | undefined,
  requestId: string,
): Promise<void> {
  const start = messageStartEvent({
    id: context.nextId('msg_mock_'),
    model: model ?? '',
    usage: {
      input_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      service_tier: 'standard',
    },
  });
  const { request_id: _id, ...error } = anthropicErrorBody(status, { model, requestId });
  await streamSseEvents(context, response, [start, { event: 'error', data: error }]);
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON: recorded as `undefined`, and the request is answered with a 400.
    return undefined;
  }
}
