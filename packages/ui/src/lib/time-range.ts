/** The global time range: a relative preset (`range=24h`) or absolute `from` / `to` in the URL. */

export type Bucket = 'minute' | 'hour' | 'day';

export const BUCKET_MS: Record<Bucket, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

export interface RangePreset {
  id: string;
  label: string;
  /** Undefined: all time. */
  ms: number | undefined;
}

export const RANGE_PRESETS: readonly RangePreset[] = [
  { id: '15m', label: '15m', ms: 15 * 60_000 },
  { id: '1h', label: '1h', ms: 3_600_000 },
  { id: '24h', label: '24h', ms: 86_400_000 },
  { id: '7d', label: '7d', ms: 7 * 86_400_000 },
  { id: '30d', label: '30d', ms: 30 * 86_400_000 },
  { id: '90d', label: '90d', ms: 90 * 86_400_000 },
  { id: 'all', label: 'All', ms: undefined },
];

export const DEFAULT_RANGE = '24h';

export interface TimeRange {
  /** Preset id, or `custom` for absolute `from` / `to`. */
  id: string;
  label: string;
  /** Resolve against the clock: relative ranges move with it on every refresh. */
  resolve(now?: number): { from?: string; to?: string };
  bucket: Bucket;
}

function bucketFor(durationMs: number | undefined): Bucket {
  if (durationMs === undefined) return 'day';
  if (durationMs <= 3 * 3_600_000) return 'minute';
  if (durationMs <= 10 * 86_400_000) return 'hour';
  return 'day';
}

function parseTime(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  const time = /^\d+$/.test(raw) ? Number(raw) : new Date(raw).getTime();
  return Number.isNaN(time) ? undefined : time;
}

export function timeRangeFrom(params: URLSearchParams): TimeRange {
  const from = parseTime(params.get('from') ?? undefined);
  const to = parseTime(params.get('to') ?? undefined);
  if (from !== undefined && (to === undefined || to > from)) {
    const end = to;
    return {
      id: 'custom',
      label: 'Custom',
      resolve: () => ({
        from: new Date(from).toISOString(),
        ...(end !== undefined ? { to: new Date(end).toISOString() } : {}),
      }),
      bucket: bucketFor((end ?? Date.now()) - from),
    };
  }
  const preset =
    RANGE_PRESETS.find((candidate) => candidate.id === params.get('range')) ??
    RANGE_PRESETS.find((candidate) => candidate.id === DEFAULT_RANGE)!;
  return {
    id: preset.id,
    label: preset.label,
    resolve: (now = Date.now()) =>
      preset.ms === undefined ? {} : { from: new Date(now - preset.ms).toISOString() },
    bucket: bucketFor(preset.ms),
  };
}

/**
 * Evenly spaced bucket starts (epoch ms) covering `from`..`now`, so quiet periods show as
 * zero instead of a line drawn straight across them.
 */
export function bucketStarts(
  bucket: Bucket,
  fromMs: number,
  toMs: number,
  maxBuckets = 2000,
): number[] {
  const step = BUCKET_MS[bucket];
  const first = Math.floor(fromMs / step) * step;
  const starts: number[] = [];
  for (let time = first; time <= toMs && starts.length < maxBuckets; time += step)
    starts.push(time);
  return starts;
}
