/**
 * The dashboard's stats come from one `GROUPING SETS ((), (is_call, model, provider),
 * (bucket_us))` pass in both stores: this splits its rows into the totals, the per-model rows
 * (model calls only) and the per-bucket rows. The query orders them: sets, then buckets by
 * time, models by requests (most first) and name.
 */
/** Rows of each breakdown returned at most. */
const MAX_MODELS = 100;
const MAX_BUCKETS = 10_000;

type Row = Record<string, unknown>;

export function splitDashboardSets(
  rows: readonly Row[],
  toNumber: (value: unknown) => number,
): { total: Row; byModel: Row[]; byTime: Row[] } {
  // `grouping(...)` is 0 for the rows of the set those columns make.
  const inSet = (row: Row, key: 'g_model' | 'g_bucket') => toNumber(row[key]) === 0;
  const isCall = (row: Row) => row['is_call'] === true || toNumber(row['is_call']) === 1;
  return {
    total: rows.find((row) => !inSet(row, 'g_model') && !inSet(row, 'g_bucket')) ?? {},
    byModel: rows.filter((row) => inSet(row, 'g_model') && isCall(row)).slice(0, MAX_MODELS),
    byTime: rows.filter((row) => inSet(row, 'g_bucket')).slice(0, MAX_BUCKETS),
  };
}
