/**
 * Calls a judge model over an OpenAI-compatible Chat Completions API with structured output.
 * Retries 429 and 5xx (and network errors) with backoff, honoring `Retry-After`, inside one
 * deadline; a wait longer than the deadline is handed back to the worker as `RetryLaterError`
 * so the job waits in the store instead of holding a slot.
 */
import { JUDGE_SYSTEM_PROMPT } from './judge-prompt';

export interface JudgeEndpoint {
  /** Base URL ending before `/chat/completions`, e.g. `https://api.openai.com/v1`. */
  baseUrl: string;
  apiKey?: string;
}

export interface JudgeCall {
  model: string;
  prompt: string;
  schema: Record<string, unknown>;
}

export interface JudgeReply {
  content: string;
  /** The model the API says answered. */
  model: string;
  inputTokens: number | null;
  outputTokens: number | null;
  latencySeconds: number;
  httpStatus: number;
}

/** The judge API is busy or failing: try again at `retryAt` (ms since the epoch). */
export class RetryLaterError extends Error {
  override readonly name = 'RetryLaterError';
  constructor(
    message: string,
    readonly retryAt: number,
  ) {
    super(message);
  }
}

/** A failure retrying cannot fix (4xx other than 429, a malformed reply). */
export class JudgeRequestError extends Error {
  override readonly name = 'JudgeRequestError';
}

export interface JudgeClientOptions {
  /** Attempts within one call (default 3). */
  maxAttempts?: number;
  /** One deadline across the attempts, ms (default 30 s). */
  deadlineMs?: number;
  /** First backoff, doubled per attempt (default 500 ms). */
  backoffMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

/** `Retry-After` as a delay in ms: seconds or an HTTP date; undefined when absent or bad. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One judge call with the retry policy above. */
export async function callJudge(
  endpoint: JudgeEndpoint,
  call: JudgeCall,
  options: JudgeClientOptions = {},
): Promise<JudgeReply> {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const maxAttempts = options.maxAttempts ?? 3;
  const deadline = now() + (options.deadlineMs ?? 30_000);
  let backoff = options.backoffMs ?? 500;
  const url = `${endpoint.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const body = JSON.stringify({
    model: call.model,
    temperature: 0,
    messages: [
      { role: 'system', content: JUDGE_SYSTEM_PROMPT },
      { role: 'user', content: call.prompt },
    ],
    response_format: {
      type: 'json_schema',
      json_schema: { name: 'evaluation', strict: true, schema: call.schema },
    },
  });
  let lastProblem = 'no attempt made';
  for (let attempt = 1; ; attempt++) {
    const started = now();
    let waitMs: number;
    try {
      const response = await doFetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}),
        },
        body,
        signal: AbortSignal.timeout(Math.max(1, deadline - started)),
      });
      if (response.ok) return await readReply(response, call.model, (now() - started) / 1000);
      const text = await response.text().catch(() => '');
      lastProblem = `judge API answered ${response.status}: ${text.slice(0, 200)}`;
      if (response.status !== 429 && response.status < 500)
        throw new JudgeRequestError(lastProblem);
      waitMs = retryAfterMs(response.headers.get('retry-after'), now()) ?? backoff;
    } catch (error) {
      if (error instanceof JudgeRequestError) throw error;
      lastProblem = `judge API unreachable: ${(error as Error).message}`;
      waitMs = backoff;
    }
    backoff *= 2;
    const retryAt = now() + waitMs;
    if (attempt >= maxAttempts || retryAt >= deadline)
      throw new RetryLaterError(lastProblem, retryAt);
    await sleep(waitMs);
  }
}

async function readReply(
  response: Response,
  model: string,
  latencySeconds: number,
): Promise<JudgeReply> {
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new JudgeRequestError('judge API answered 200 with a body that is not JSON');
  }
  const record = (json ?? {}) as {
    model?: unknown;
    choices?: Array<{ message?: { content?: unknown; refusal?: unknown } }>;
    usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
  };
  const message = record.choices?.[0]?.message;
  const content = message?.content;
  const count = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) ? value : null;
  return {
    // A refusal is an answer too: it fails the shape check and is reported as invalid output.
    content:
      typeof content === 'string'
        ? content
        : typeof message?.refusal === 'string'
          ? message.refusal
          : '',
    model: typeof record.model === 'string' ? record.model : model,
    inputTokens: count(record.usage?.prompt_tokens),
    outputTokens: count(record.usage?.completion_tokens),
    latencySeconds,
    httpStatus: response.status,
  };
}
