import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { handleChatCompletions } from './chat-completions';
import { handleEmbeddings } from './embeddings';
import { openAIErrorBody } from './errors';
import { FaultQueue } from './fault-queue';
import { closeServer, listen, queryToRecord, readBody, sendJson, sleep } from './http-utils';
import { asRecord, asString, type JsonRecord } from './json-utils';
import { createMockContext, type MockContext } from './mock-context';
import { LISTED_MODELS } from './models';
import { handleResponses } from './responses-api';
import type { MockFault, MockOpenAIOptions, MockOpenAIServer, RecordedRequest } from './types';

/** Header that makes the mock answer with that status, e.g. `x-mock-status: 500`. */
export const MOCK_STATUS_HEADER = 'x-mock-status';

/**
 * Starts a deterministic OpenAI-compatible server on loopback. Pass `url` as `baseURL` to
 * the OpenAI client, with `maxRetries: 0` when testing errors (the client retries 429/5xx).
 */
export async function startMockOpenAI(options: MockOpenAIOptions = {}): Promise<MockOpenAIServer> {
  const host = options.host ?? '127.0.0.1';
  const context = createMockContext({
    embeddingDimensions: options.embeddingDimensions ?? 8,
    cacheMinTokens: options.cacheMinTokens ?? 1024,
    streamChunkDelayMs: options.streamChunkDelayMs ?? 0,
  });
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];
  let requestCount = 0;

  const server = createServer((request, response) => {
    requestCount += 1;
    const requestId = `req_mock_${requestCount}`;
    response.setHeader('x-request-id', requestId);
    handleRequest(request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      sendJson(response, 500, {
        error: {
          message: `Mock server failure: ${message}`,
          type: 'server_error',
          param: null,
          code: null,
        },
      });
    });
  });

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
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
    const model = asString(asRecord(body).model);
    const fault = faults.take(url.pathname);
    await sleep((options.responseDelayMs ?? 0) + (fault?.delayMs ?? 0));
    if (fault?.status !== undefined) {
      sendFault(response, fault, model);
      return;
    }
    const headerStatus = Number(request.headers[MOCK_STATUS_HEADER]);
    if (Number.isInteger(headerStatus) && headerStatus >= 400) {
      sendFault(response, { status: headerStatus }, model);
      return;
    }
    if (
      options.apiKey !== undefined &&
      request.headers.authorization !== `Bearer ${options.apiKey}`
    ) {
      sendJson(response, 401, openAIErrorBody(401, model));
      return;
    }
    if (rawBody.length > 0 && body === undefined) {
      sendJson(response, 400, {
        error: {
          message: 'We could not parse the JSON body of your request.',
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      });
      return;
    }
    await route(context, request.method ?? 'GET', url.pathname, asRecord(body), response);
  }

  const port = await listen(server, options.port ?? 0, host);
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: `${origin}/v1`,
    origin,
    port,
    requests,
    inject: (fault: MockFault) => faults.add(fault),
    reset() {
      requests.length = 0;
      faults.clear();
      context.resetCounters();
    },
    close: () => closeServer(server),
  };
}

async function route(
  context: MockContext,
  method: string,
  pathname: string,
  body: JsonRecord,
  response: ServerResponse,
): Promise<void> {
  // Accept paths with or without the `/v1` prefix, like most OpenAI-compatible servers.
  const path = pathname.replace(/^\/v1(?=\/)/, '').replace(/\/+$/, '');
  if (method === 'POST' && path === '/chat/completions') {
    await handleChatCompletions(context, body, response);
  } else if (method === 'POST' && path === '/responses') {
    await handleResponses(context, body, response);
  } else if (method === 'POST' && path === '/embeddings') {
    handleEmbeddings(context, body, response);
  } else if (method === 'GET' && path === '/models') {
    sendJson(response, 200, {
      object: 'list',
      data: LISTED_MODELS.map((id) => ({
        id,
        object: 'model',
        created: 1_700_000_000,
        owned_by: 'system',
      })),
    });
  } else {
    sendJson(response, 404, {
      error: {
        message: `Invalid URL (${method} ${pathname})`,
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
  }
}

function sendFault(response: ServerResponse, fault: MockFault, model: string | undefined): void {
  const status = fault.status ?? 500;
  const headers: Record<string, string> = { ...fault.headers };
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  if (status === 429) {
    headers['x-ratelimit-limit-requests'] ??= '3';
    headers['x-ratelimit-remaining-requests'] ??= '0';
  }
  if (typeof fault.body === 'string') {
    response.writeHead(status, { 'content-type': 'text/plain', ...headers });
    response.end(fault.body);
    return;
  }
  sendJson(response, status, fault.body ?? openAIErrorBody(status, model), headers);
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
