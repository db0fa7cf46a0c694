/** Public option and result types of @llm-analytics/server. */
import type { Integration, Normalizer } from '@llm-analytics/core';
import type { PricingOptions } from '@llm-analytics/core/pricing';
import type { EvaluationWorker, EvaluationWorkerOptions } from './evaluations/evaluation-worker';
import type { EventStore } from './store/event-store';
import type { StoreLocation } from './store/store-url';

/** One project: a write-only token for ingestion and a read key for the read API. */
export interface ProjectConfig {
  /** Stable id the events are stored under; defaults to the token (so rotating needs an id). */
  id?: string;
  /** Project token (`phc_…`): accepted by the ingestion endpoints only. */
  token: string;
  /** Read key: accepted by `/api/*` only, and only for this project's data. */
  readKey: string;
}

/** How long and how much the server keeps to join OTLP content logs to their spans. */
export interface LogJoinOptions {
  /** Logs may arrive this long before or after their span (default 60 s). */
  windowMs?: number;
  /** Unmatched log records kept at most (default 50,000). */
  maxPendingLogs?: number;
  /** Bytes of unmatched log records kept at most (default 32 MiB). */
  maxPendingLogBytes?: number;
  /** Recently stored AI spans that late logs can still join (default 100,000). */
  maxRecentSpans?: number;
}

export interface ServerOptions {
  /** Interface to bind; 127.0.0.1 unless told otherwise. */
  host?: string;
  /** Port; 0 picks a free one (tests). Default 8010. */
  port?: number;
  /** OTLP/gRPC port (4317 is the OTLP convention), on `host`; 0 picks a free one. Off when absent. */
  grpcPort?: number;
  /** DuckDB file; `:memory:` for a throwaway store. Default `./.data/llm-analytics.duckdb`. */
  dbPath?: string;
  /**
   * Store URL: `duckdb:PATH`, `chdb:PATH` (embedded ClickHouse) or
   * `clickhouse://user:password@host:8123/database` (`http(s)://` too). Wins over `dbPath`.
   */
  storeUrl?: string | StoreLocation;
  /** A ready store instead of opening `storeUrl` / `dbPath`. */
  store?: EventStore;
  /** Projects served; default one project from `projectToken` / `readKey`. */
  projects?: readonly ProjectConfig[];
  /** Token of the single default project; generated when absent. */
  projectToken?: string;
  /** Read key of the single default project; generated when absent. */
  readKey?: string;
  /** Frameworks the OTLP pipeline maps; default: every integration (`DEFAULT_INTEGRATIONS`). */
  integrations?: readonly Integration[];
  /** Your own normalizers for the OTLP pipeline; they run before the integrations'. */
  normalizers?: readonly Normalizer[];
  /** Per-model price overrides for server-side pricing. */
  pricing?: PricingOptions;
  /** Drop message content from OTLP-mapped events. */
  privacyMode?: boolean;
  /** Body limit on the wire and after decompression (default 4 MiB). */
  maxBodyBytes?: number;
  logJoin?: LogJoinOptions;
  /** Write batching: flush at this many events (default 5,000)… */
  writeBatchSize?: number;
  /** …or after this many milliseconds (default 5). */
  writeDelayMs?: number;
  /** A client must send its request headers within this long, in ms (default 10 s). */
  headersTimeoutMs?: number;
  /**
   * A client must send its whole request within this long, in ms (default 30 s); an OTLP/gRPC
   * connection without a call for this long is closed.
   */
  requestTimeoutMs?: number;
  /** How long `close()` waits for in-flight requests (default 10 s). */
  shutdownTimeoutMs?: number;
  /** One line per notable thing (errors, dropped logs); default: nothing. */
  log?: (line: string) => void;
  /** Built web UI served at `/`; default: the `dist` of the installed `@llm-analytics/ui`. */
  uiDir?: string;
  /**
   * The online-evaluation worker (judge API, concurrency, budget); `false` turns it off. On by
   * default: it only works when a project defined evaluators.
   */
  evaluations?: EvaluationWorkerOptions | false;
}

/** A started server. */
export interface RunningServer {
  /** `http://host:port`. */
  url: string;
  port: number;
  /** The OTLP/gRPC port; `undefined` when gRPC is off. */
  grpcPort: number | undefined;
  host: string;
  /** Token and read key of the first project. */
  projectToken: string;
  readKey: string;
  projects: ReadonlyArray<Required<ProjectConfig>>;
  store: EventStore;
  /** The evaluation worker; `undefined` when turned off. */
  evaluationWorker: EvaluationWorker | undefined;
  /** Where the web UI is served from; `undefined` when the UI package is not installed. */
  uiDir: string | undefined;
  /** Stop accepting, finish in-flight requests, flush writes, close the store. Idempotent. */
  close(): Promise<void>;
}
