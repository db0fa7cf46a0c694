// The `@llm-analytics/core/types` entry: types only, the ones every adapter re-exports with
// `export type * from '@llm-analytics/core/types'`, so the adapters' type surfaces are alike.
export type { AiEvent, AiEventName, Normalizer, PartialCall, SpanRecord, Usage } from './types';
export type { Integration, IntegrationDefinition } from './integration/define-integration';
export type { AdapterExportOptions } from './integration/adapter-options';
export type { EventStage } from './pipeline/spans-to-events';
export type {
  EmittedLogRecord,
  ExportResultLike,
  PostHogExportOptions,
  ProcessorSpan,
  SyncFlushResult,
} from './export';
