import type { Projects } from '../projects';
import type { EventStore } from '../store/event-store';

export interface ReadContext {
  projects: Projects;
  store: EventStore;
}

/** Page sizes: large enough for a UI table, small enough to answer fast. */
export const MAX_LIMIT = 1000;
