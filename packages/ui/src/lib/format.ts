/** Number, money, duration and time formatting for dense tables and charts. */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return Math.abs(value) >= 100_000 ? compact.format(value) : integer.format(value);
}

/** Dollars with enough digits to tell tiny per-call costs apart. */
export function formatUsd(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (value === 0) return '$0';
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return `$${integer.format(value)}`;
  if (magnitude >= 1) return `$${value.toFixed(2)}`;
  if (magnitude >= 0.01) return `$${value.toFixed(3)}`;
  if (magnitude < 0.000001) return value > 0 ? '<$0.000001' : '>-$0.000001';
  // Significant digits, fewer for tiny values so a column stays narrow: $0.000352, $0.000045
  const digits = magnitude < 0.0001 ? 2 : 3;
  return `$${value
    .toPrecision(digits)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '')}`;
}

/** Seconds as `340 ms`, `1.24 s`, `2m 03s`. */
export function formatSeconds(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (value < 1) return `${Math.round(value * 1000)} ms`;
  if (value < 60) return `${value.toFixed(value < 10 ? 2 : 1)} s`;
  const minutes = Math.floor(value / 60);
  return `${minutes}m ${String(Math.round(value % 60)).padStart(2, '0')}s`;
}

export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (value === 0) return '0%';
  const percent = value * 100;
  return `${percent < 1 ? percent.toFixed(2) : percent < 10 ? percent.toFixed(1) : Math.round(percent)}%`;
}

const timeFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const fullFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'medium',
});

/** `Nov 27, 07:14:03` in the viewer's time zone. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timeFormat.format(date);
}

/** For a title: the full local time, how long ago, and UTC. */
export function formatFullTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : `${fullFormat.format(date)} · ${formatAgo(iso)} · ${date.toISOString()}`;
}

const clockFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const dayFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * A table cell's time: the clock time today, the date and minute before. Absolute, so it
 * does not go stale between refreshes the way "5s ago" would.
 */
export function formatShortTime(iso: string | null | undefined, now = new Date()): string {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toDateString() === now.toDateString()
    ? clockFormat.format(date)
    : dayFormat.format(date);
}

/** `12s ago`, `5m ago`, `3h ago`, `2d ago`. */
export function formatAgo(iso: string | number | null | undefined, now = Date.now()): string {
  if (iso === null || iso === undefined) return '–';
  const time = typeof iso === 'number' ? iso : new Date(iso).getTime();
  if (Number.isNaN(time)) return '–';
  const seconds = Math.max(0, Math.round((now - time) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ago`;
  return `${Math.floor(seconds / 86_400)}d ago`;
}

/** A long id shortened for a table cell; the full one goes in a title. */
export function shortId(id: string | null | undefined, keep = 8): string {
  if (!id) return '–';
  return id.length > keep + 1 ? `${id.slice(0, keep)}…` : id;
}
