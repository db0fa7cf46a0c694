/** Whether the project has any event at all: decides between "no match" and the setup guide. */
import { useEffect, useState } from 'preact/hooks';
import { apiGet } from '../api/client';
import type { EventsPage } from '../api/types';
import { POLL_INTERVAL_MS, usePolled } from './use-polled';

/** Once there are events there is no hurry: projects rarely go back to empty. */
const SETTLED_INTERVAL_MS = 60_000;

export function useHasEvents(): boolean | undefined {
  const [settled, setSettled] = useState(false);
  const polled = usePolled(
    'has-events',
    (signal) => apiGet<EventsPage>('/api/events', { limit: 1 }, signal),
    settled ? SETTLED_INTERVAL_MS : POLL_INTERVAL_MS,
  );
  const hasEvents = polled.data ? polled.data.results.length > 0 : undefined;
  useEffect(() => setSettled(hasEvents === true), [hasEvents]);
  return hasEvents;
}
