import type { AiEvent, AiEventName } from '@llm-analytics/core';
import type { EventQuery } from '../event-store';
import { microsToIso } from '../event-row';
import { Params, timeRange } from '../sql';
import { SPAN } from './definitions';
import type { RunQuery } from './run-query';
import { TRACE_ROWS, withTraceRows } from './trace-rows';

const EVENT_SELECT = `SELECT event, distinct_id, uuid, epoch_us(timestamp) AS ts, properties FROM events`;

/** A stored row back in the shape `convert` prints and `/batch/` carries. */
function toEvent(row: Record<string, unknown>): AiEvent {
  return {
    event: String(row['event']) as AiEventName,
    distinct_id: String(row['distinct_id']),
    uuid: String(row['uuid']),
    timestamp: microsToIso(row['ts'] as bigint),
    properties: JSON.parse(String(row['properties'])) as Record<string, unknown>,
  };
}

export async function queryEvents(
  run: RunQuery,
  project: string,
  query: EventQuery,
): Promise<AiEvent[]> {
  const params = new Params();
  let where = `project = ${params.add(project)}`;
  if (query.event) where += ` AND event = ${params.add(query.event)}`;
  if (query.traceId) where += ` AND trace_id = ${params.add(query.traceId)}`;
  if (query.distinctId) where += ` AND distinct_id = ${params.add(query.distinctId)}`;
  where += timeRange(params, query);
  const rows = await run(
    `${EVENT_SELECT} WHERE ${where} ORDER BY timestamp DESC, uuid LIMIT ${query.limit}`,
    params.values,
  );
  return rows.map(toEvent);
}

/** Every span of a trace (scores are read apart), oldest first; capped so one runaway trace can't exhaust memory. */
export async function queryTraceEvents(
  run: RunQuery,
  project: string,
  traceId: string,
): Promise<AiEvent[]> {
  const rows = await run(
    `${withTraceRows('$2')}SELECT event, distinct_id, uuid, epoch_us(timestamp) AS ts, properties
     FROM ${TRACE_ROWS} WHERE project = $1 AND ${SPAN} ORDER BY timestamp, uuid LIMIT 10000`,
    [project, traceId],
  );
  return rows.map(toEvent);
}
