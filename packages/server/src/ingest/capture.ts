/** PostHog capture API: `POST /batch/`, `/i/v0/e/`, `/capture/` (and `/e/`) for `$ai_*` events. */
import { randomUUID } from 'node:crypto';
import type { AiEvent, AiEventName } from '@llm-analytics/core';
import { bearerToken, unauthorized } from '../http/auth';
import { badRequest } from '../http/http-error';
import { sendJson } from '../http/respond';
import type { RouteHandler } from '../http/router';
import type { Project, Projects } from '../projects';
import { readCaptureBody } from './capture-body';
import { durably, type IngestContext } from './ingest-context';
import { exceedsDepth, limitDepth, MAX_PROPERTY_DEPTH } from './limit-depth';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const nonEmpty = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** The events of any body shape: `{batch}`, `{data}`, a single event, or a bare array. */
function eventsOf(payload: unknown): { events: unknown[]; token?: string } {
  if (Array.isArray(payload)) return { events: payload };
  if (!isObject(payload)) throw badRequest('body must be a JSON object or array');
  const token = nonEmpty(payload['api_key']) ?? nonEmpty(payload['token']);
  const list = payload['batch'] ?? payload['data'];
  if (list !== undefined) {
    if (!Array.isArray(list)) throw badRequest('"batch" must be an array of events');
    return { events: list, ...(token ? { token } : {}) };
  }
  return { events: [payload], ...(token ? { token } : {}) };
}

function eventToken(event: Json): string | undefined {
  const properties = isObject(event['properties']) ? event['properties'] : {};
  return nonEmpty(event['api_key']) ?? nonEmpty(event['token']) ?? nonEmpty(properties['token']);
}

/** PostHog accepts ISO strings and epoch milliseconds; anything unreadable becomes "now". */
function timestampOf(value: unknown, now: string): string {
  if (typeof value === 'number' && Number.isFinite(value)) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? now : date.toISOString();
  }
  if (typeof value === 'string' && value.trim() !== '') {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms))
      return /[zZ]$/.test(value.trim()) ? value.trim() : new Date(ms).toISOString();
  }
  return now;
}

/** One client event → a stored event, or the reason it can't be one (a 400). */
function toAiEvent(raw: unknown, index: number, now: string): AiEvent {
  const where = `batch[${index}]`;
  if (!isObject(raw)) throw badRequest(`${where} must be an object`);
  const name = nonEmpty(raw['event']);
  if (!name) throw badRequest(`${where} has no "event" name`);
  let properties: Json = isObject(raw['properties']) ? { ...raw['properties'] } : {};
  if (exceedsDepth(properties, MAX_PROPERTY_DEPTH))
    properties = limitDepth(properties, MAX_PROPERTY_DEPTH) as Json;
  const distinct = raw['distinct_id'] ?? properties['distinct_id'] ?? properties['$distinct_id'];
  const distinctId =
    typeof distinct === 'number' && Number.isFinite(distinct)
      ? String(distinct)
      : nonEmpty(distinct);
  if (!distinctId) throw badRequest(`${where} (${name}) has no distinct_id`);
  // The project token is a credential: it is not kept on the stored event.
  delete properties['token'];
  const uuid = nonEmpty(raw['uuid']);
  return {
    event: name as AiEventName,
    distinct_id: distinctId,
    uuid: uuid && uuid.length <= 128 ? uuid : randomUUID(),
    timestamp: timestampOf(raw['timestamp'] ?? properties['$time'], now),
    properties,
  };
}

function resolveProject(
  projects: Projects,
  bodyToken: string | undefined,
  events: unknown[],
  headerToken: string | undefined,
): Project {
  const tokens = new Set<string>();
  if (bodyToken) tokens.add(bodyToken);
  else
    for (const event of events)
      if (isObject(event)) {
        const token = eventToken(event);
        if (token) tokens.add(token);
      }
  if (!tokens.size && headerToken) tokens.add(headerToken);
  if (!tokens.size)
    throw unauthorized('missing api_key: put the project token in the body ("api_key")');
  if (tokens.size > 1) throw badRequest('events of one request must share one api_key');
  const project = projects.forToken([...tokens][0]);
  if (!project) throw unauthorized('unknown api_key (project token)');
  return project;
}

export function captureHandler(context: IngestContext): RouteHandler {
  return async ({ request, response, url }) => {
    const payload = await readCaptureBody(request, url, context.maxBodyBytes);
    const { events: rawEvents, token } = eventsOf(payload);
    const project = resolveProject(context.projects, token, rawEvents, bearerToken(request));
    const now = new Date().toISOString();
    const events = rawEvents.map((raw, index) => toAiEvent(raw, index, now));
    // This server stores LLM analytics: other events (pageviews, $identify) are acknowledged and dropped.
    const aiEvents = events.filter((event) => event.event.startsWith('$ai_')).map(context.price);
    if (aiEvents.length)
      await durably(
        context.store.write({ insert: aiEvents.map((event) => ({ project: project.id, event })) }),
        context.log,
      );
    sendJson(response, 200, {
      status: 1,
      accepted: aiEvents.length,
      dropped: events.length - aiEvents.length,
    });
  };
}
