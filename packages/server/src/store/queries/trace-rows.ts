/**
 * One trace's rows as a point read. DuckDB answers `trace_id = ?` from the `events_trace_id`
 * index only when the scan carries no other filter, so the trace's rows are read first (a
 * materialized CTE keeps the project and other conditions from being pushed into that scan)
 * and filtered after: a few rows instead of a scan of every event of every project.
 */

/** Name of the CTE `withTraceRows` defines. */
export const TRACE_ROWS = 'trace_rows';

/** `WITH trace_rows AS MATERIALIZED (…)`: the rows of the trace `traceParam` names, every project. */
export function withTraceRows(traceParam: string): string {
  return `WITH ${TRACE_ROWS} AS MATERIALIZED (SELECT * FROM events WHERE trace_id = ${traceParam}) `;
}
