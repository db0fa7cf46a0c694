/**
 * Brings a database file written by an older version up to SCHEMA_VERSION: new columns are
 * added at the end and filled from the stored properties, so old events count like new ones.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { P, SERVICE_NAME } from '@llm-analytics/core/semconv';
import { SCHEMA_VERSION, V2_COLUMNS } from './schema';

/** A JSON path to a top-level property (keys like `service.name` need quoting). */
const prop = (key: string) => `'$."${key}"'`;

/**
 * The same values `toEventRow` computes, in SQL. Structured errors of old rows keep their text
 * as the message (a re-send re-derives it); everything else matches exactly.
 */
const BACKFILL = `UPDATE events SET
  service_name = json_extract_string(properties, ${prop(SERVICE_NAME)}),
  anonymous = coalesce(json_type(properties, ${prop(P.processPersonProfile)}) = 'BOOLEAN'
    AND json_extract_string(properties, ${prop(P.processPersonProfile)}) = 'false', false),
  duplicate_of = json_extract_string(properties, ${prop(P.duplicateOf)}),
  cost_error = json_extract_string(properties, ${prop(P.costError)}),
  usage_estimated = coalesce(
    json_extract_string(properties, ${prop(P.usageEstimated)}) IN ('true', '1'), false),
  input_includes_cache = CASE json_extract_string(properties, ${prop(P.inputTokensIncludeCache)})
    WHEN 'true' THEN true WHEN 'false' THEN false
    ELSE lower(coalesce(provider, '')) <> 'anthropic' END,
  error_type = json_extract_string(properties, ${prop(P.errorType)}),
  error_message = CASE WHEN is_error THEN error END`;

/** Upgrade in place; a no-op on a current file. */
export async function migrate(writer: DuckDBConnection): Promise<void> {
  const reader = await writer.runAndReadAll(`SELECT value FROM schema_info WHERE key = 'version'`);
  const version = Number(reader.getRowObjectsJS()[0]?.['value'] ?? SCHEMA_VERSION);
  if (version >= SCHEMA_VERSION) return;
  await writer.run('BEGIN TRANSACTION');
  try {
    for (const [name, type] of V2_COLUMNS)
      await writer.run(`ALTER TABLE events ADD COLUMN IF NOT EXISTS ${name} ${type}`);
    await writer.run(BACKFILL);
    await writer.run(`UPDATE schema_info SET value = '${SCHEMA_VERSION}' WHERE key = 'version'`);
    await writer.run('COMMIT');
  } catch (error) {
    await writer.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
