import { diag } from '@opentelemetry/api';

/** Diagnostics of this package, through OpenTelemetry's `diag`. */
export const logger = diag.createComponentLogger({ namespace: '@llm-analytics/traceloop' });
