/** The app shell: sidebar navigation, page header with the time range, live indicator. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Link, useLocation } from 'wouter-preact';
import { setReadKey } from '../api/read-key';
import { useLiveStatus } from '../hooks/live-status';
import { useQueryState, withRange } from '../hooks/use-query-state';
import { formatAgo } from '../lib/format';
import { RANGE_PRESETS, timeRangeFrom } from '../lib/time-range';

const NAV = [
  { path: '/', label: 'Dashboard', icon: 'M3 13h4v7H3zM10 8h4v12h-4zM17 4h4v16h-4z' },
  { path: '/traces', label: 'Traces', icon: 'M4 5h16M8 10h12M8 15h12M4 5v15' },
  {
    path: '/generations',
    label: 'Generations',
    icon: 'M12 3l2.5 6.5L21 12l-6.5 2.5L12 21l-2.5-6.5L3 12l6.5-2.5z',
  },
  { path: '/errors', label: 'Errors', icon: 'M12 3l9 16H3zM12 10v4M12 17v.5' },
  { path: '/evaluations', label: 'Evaluations', icon: 'M5 12l4 4L19 6' },
  { path: '/sessions', label: 'Sessions', icon: 'M4 6h16v10H8l-4 4z' },
  {
    path: '/users',
    label: 'Users',
    icon: 'M12 12a4 4 0 100-8 4 4 0 000 8zM4 21c0-4 4-6 8-6s8 2 8 6',
  },
];

function Icon(props: { path: string }) {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" class="icon">
      <path
        d={props.path}
        fill="none"
        stroke="currentColor"
        stroke-width="1.8"
        stroke-linejoin="round"
        stroke-linecap="round"
      />
    </svg>
  );
}

function LiveIndicator() {
  const status = useLiveStatus();
  const [, setNow] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div class={`live${status.failing ? ' live-failing' : ''}`} data-testid="live-status">
      <span class="live-dot" aria-hidden="true" />
      {status.failing
        ? 'Server unreachable, retrying'
        : status.updatedAt
          ? `Live · updated ${formatAgo(status.updatedAt)}`
          : 'Connecting…'}
    </div>
  );
}

export function Sidebar() {
  const [location] = useLocation();
  const query = useQueryState();
  return (
    <aside class="sidebar">
      <Link href={withRange('/', query.params)} class="brand">
        <span class="brand-mark" aria-hidden="true" />
        llm-analytics
      </Link>
      <nav class="nav" aria-label="Views">
        {NAV.map((item) => {
          const active =
            item.path === '/'
              ? location === '/' || location === '/dashboard'
              : location.startsWith(item.path);
          return (
            <Link
              key={item.path}
              href={withRange(item.path, query.params)}
              class={`nav-item${active ? ' active' : ''}`}
              aria-current={active ? 'page' : undefined}
            >
              <Icon path={item.icon} />
              {item.label}
            </Link>
          );
        })}
      </nav>
      <div class="sidebar-foot">
        <LiveIndicator />
        <button type="button" class="link-button" onClick={() => setReadKey(undefined)}>
          Sign out
        </button>
      </div>
    </aside>
  );
}

export function TimeRangePicker() {
  const query = useQueryState();
  const range = timeRangeFrom(query.params);
  return (
    <div class="segmented" role="group" aria-label="Time range" data-testid="time-range">
      {range.id === 'custom' ? (
        <button type="button" class="active" title="Selected on a chart" aria-pressed="true">
          Custom
        </button>
      ) : null}
      {RANGE_PRESETS.map((preset) => (
        <button
          key={preset.id}
          type="button"
          class={range.id === preset.id ? 'active' : ''}
          aria-pressed={range.id === preset.id}
          onClick={() =>
            query.set({
              range: preset.id,
              from: undefined,
              to: undefined,
              cursor: undefined,
              page: undefined,
            })
          }
        >
          {preset.label}
        </button>
      ))}
    </div>
  );
}

export function PageHeader(props: {
  title: ComponentChildren;
  subtitle?: ComponentChildren;
  actions?: ComponentChildren;
  range?: boolean;
}) {
  return (
    <header class="page-header">
      <div class="page-title">
        <h1>{props.title}</h1>
        {props.subtitle ? <div class="page-subtitle">{props.subtitle}</div> : null}
      </div>
      <div class="page-actions">
        {props.actions}
        {props.range === false ? null : <TimeRangePicker />}
      </div>
    </header>
  );
}

export function ErrorBanner(props: { error: Error | undefined }) {
  if (!props.error) return null;
  return (
    <div class="banner banner-error" role="alert">
      {props.error.message}
    </div>
  );
}
