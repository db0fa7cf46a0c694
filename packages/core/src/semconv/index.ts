export * from './gen-ai';
export * from './common';
export * from './posthog';
export * from './filter-table';
