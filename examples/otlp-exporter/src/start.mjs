import { run } from './run.mjs';

const host = process.env.LLM_ANALYTICS_HOST;
const token = process.env.LLM_ANALYTICS_TOKEN;
const env = { ...process.env };
// Derive the OTLP settings from the llm-analytics variables unless they are given directly.
if (!env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT && host)
  env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = `${host.replace(/\/$/, '')}/i/v0/ai/otel`;
if (!env.OTEL_EXPORTER_OTLP_TRACES_HEADERS && token)
  env.OTEL_EXPORTER_OTLP_TRACES_HEADERS = `Authorization=Bearer%20${token}`;

run({ env }).catch((error) => {
  console.error(`otlp-exporter: ${error.message}`);
  process.exit(1);
});
