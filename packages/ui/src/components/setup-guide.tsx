/** The empty state: how to send the first event to this server, with its address and token. */
import { useState } from 'preact/hooks';
import { apiGet } from '../api/client';
import type { ServerConfig } from '../api/types';
import { usePolled } from '../hooks/use-polled';
import { CopyButton } from './copy-button';

type Tab = 'otel' | 'grpc' | 'node' | 'curl';

const TABS: Array<{ id: Tab; label: string }> = [
  { id: 'otel', label: 'OpenTelemetry' },
  { id: 'grpc', label: 'OTLP/gRPC' },
  { id: 'node', label: 'Node.js · AI SDK' },
  { id: 'curl', label: 'curl' },
];

/** The tabs this server can serve: OTLP/gRPC only when `serve` listens for it. */
function tabsFor(config: ServerConfig | undefined) {
  return TABS.filter((entry) => entry.id !== 'grpc' || config?.ingest.otlp_grpc_port != null);
}

function snippets(origin: string, config: ServerConfig): Record<Tab, string> {
  const token = config.project_token;
  const url = new URL(origin);
  const grpcEndpoint =
    config.ingest.otlp_grpc_port == null
      ? ''
      : `${url.protocol}//${url.hostname}:${config.ingest.otlp_grpc_port}`;
  return {
    grpc: [
      '# one endpoint for traces and content logs; gRPC has no paths',
      'export OTEL_EXPORTER_OTLP_PROTOCOL=grpc',
      `export OTEL_EXPORTER_OTLP_ENDPOINT=${grpcEndpoint}`,
      `export OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer%20${token}"`,
    ].join('\n'),
    otel: [
      `export OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=${origin}${config.ingest.otlp_traces}`,
      `export OTEL_EXPORTER_OTLP_TRACES_HEADERS="Authorization=Bearer%20${token}"`,
      '# content sent as log records (e.g. @opentelemetry/instrumentation-openai):',
      `export OTEL_EXPORTER_OTLP_LOGS_ENDPOINT=${origin}${config.ingest.otlp_logs}`,
      `export OTEL_EXPORTER_OTLP_LOGS_HEADERS="Authorization=Bearer%20${token}"`,
    ].join('\n'),
    node: [
      "import { NodeSDK } from '@opentelemetry/sdk-node';",
      "import { PostHogSpanProcessor } from '@llm-analytics/vercel-ai';",
      '',
      'new NodeSDK({',
      '  spanProcessors: [',
      '    new PostHogSpanProcessor({',
      `      apiKey: '${token}',`,
      `      host: '${origin}',`,
      '    }),',
      '  ],',
      '}).start();',
      '',
      '// then, on every AI SDK call:',
      '// generateText({ model, prompt, experimental_telemetry: { isEnabled: true } })',
    ].join('\n'),
    curl: [
      `curl -sS ${origin}${config.ingest.capture} -H 'Content-Type: application/json' -d '{`,
      `  "api_key": "${token}",`,
      '  "batch": [{"event": "$ai_generation", "distinct_id": "user-1",',
      '             "properties": {"$ai_trace_id": "trace-1", "$ai_model": "gpt-4o-mini",',
      '                            "$ai_provider": "openai", "$ai_input_tokens": 120,',
      '                            "$ai_output_tokens": 30, "$ai_latency": 0.8}}]',
      "}'",
    ].join('\n'),
  };
}

export function SetupGuide(props: { title?: string }) {
  const [tab, setTab] = useState<Tab>('otel');
  const config = usePolled(
    'config',
    (signal) => apiGet<ServerConfig>('/api/config', {}, signal),
    60_000,
  );
  const origin = window.location.origin;
  const code = config.data ? snippets(origin, config.data)[tab] : undefined;
  return (
    <section class="setup card" data-testid="setup-guide">
      <div class="setup-head">
        <h2>{props.title ?? 'No LLM events yet'}</h2>
        <p>
          Send your first event to this server and it shows up here within seconds. Point any
          OpenTelemetry exporter at <code>{origin}</code>, or use one of our processors.
        </p>
      </div>
      <dl class="setup-facts">
        <dt>Server</dt>
        <dd>
          <code data-testid="setup-host">{origin}</code>
        </dd>
        <dt>Project token</dt>
        <dd>
          <code data-testid="setup-token">{config.data?.project_token ?? '…'}</code>
          {config.data ? <CopyButton text={config.data.project_token} /> : null}
        </dd>
      </dl>
      <div class="tabs" role="tablist">
        {tabsFor(config.data).map((entry) => (
          <button
            key={entry.id}
            type="button"
            role="tab"
            aria-selected={tab === entry.id}
            class={`tab${tab === entry.id ? ' active' : ''}`}
            onClick={() => setTab(entry.id)}
          >
            {entry.label}
          </button>
        ))}
      </div>
      <div class="snippet">
        {code ? <CopyButton text={code} /> : null}
        <pre class="code" data-testid="setup-snippet">
          {code ??
            (config.error
              ? `Could not load the server config: ${config.error.message}`
              : 'Loading…')}
        </pre>
      </div>
      <p class="setup-waiting">
        <span class="live-dot" aria-hidden="true" />
        Waiting for the first event: this page updates on its own.
      </p>
    </section>
  );
}
