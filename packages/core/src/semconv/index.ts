export * from './gen-ai';
export * from './common';
export * from './posthog';
export * from './filter-table';
export * from './openinference';
export * from './traceloop';
export * from './vercel-ai';
