import type { AiEvent, AiEventName } from '@llm-analytics/core';
import type { EventQuery } from '../../event-store';
import { microsToIso } from '../../event-row';
import {
  ClickHouseParams,
  EVENTS,
  onDays,
  timeRange,
  toMicros,
  type ClickHouseRunQuery,
} from '../sql';
import { SPAN } from './definitions';

const EVENT_SELECT = `SELECT event, distinct_id, uuid, toUnixTimestamp64Micro(timestamp) AS ts, properties FROM ${EVENTS}`;

/** A stored row back in the shape `convert` prints and `/batch/` carries. */
function toEvent(row: Record<string, unknown>): AiEvent {
  return {
    event: String(row['event']) as AiEventName,
    distinct_id: String(row['distinct_id']),
    uuid: String(row['uuid']),
    timestamp: microsToIso(toMicros(row['ts'])),
    properties: JSON.parse(String(row['properties'])) as Record<string, unknown>,
  };
}

export async function queryEventsClickHouse(
  run: ClickHouseRunQuery,
  project: string,
  query: EventQuery,
): Promise<AiEvent[]> {
  const params = new ClickHouseParams();
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
export async function queryTraceEventsClickHouse(
  run: ClickHouseRunQuery,
  project: string,
  traceId: string,
  /** The days of the trace's events (`traceDays`): a key range to read. */
  days: readonly string[],
): Promise<AiEvent[]> {
  const params = new ClickHouseParams();
  const rows = await run(
    `${EVENT_SELECT} WHERE project = ${params.add(project)}${onDays(params, days)} AND trace_id = ${params.add(traceId)} AND ${SPAN}
     ORDER BY timestamp, uuid LIMIT 10000`,
    params.values,
  );
  return rows.map(toEvent);
}
