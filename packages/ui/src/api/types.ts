/**
 * The read API's shapes, imported from the server's types-only entry (one contract, not a copy).
 * The server depends on this package (it serves the built UI), so the entry is mapped to its
 * source by path in tsconfig.json rather than installed: types only, erased from the build.
 */
export type {
  ApiEvent as AiEvent,
  CostFields,
  Dashboard,
  DashboardStats,
  DataExtent,
  ErrorGroup,
  EvaluationJob,
  Evaluator,
  EvaluatorInput,
  EvaluatorListResponse,
  EventsPage,
  GenerationEvaluationsResponse,
  GenerationRow,
  MetricSummary,
  OffsetPage,
  Percentiles,
  ScoreRow,
  ScoreSummary,
  ServerConfig,
  SessionRow,
  TokenFields,
  TraceDetail,
  TraceListResponse as TracePage,
  TraceNode,
  TraceSummary,
  Usage,
  UserRow,
} from '@llm-analytics/server/types';
