import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { PostHogSpanProcessor } from './span-processor';
import type { LLMAnalytics, SetupLLMAnalyticsOptions } from './types';

/**
 * A `WebTracerProvider` with the LLM analytics processor, registered as the global provider
 * unless `register: false`. Spans of any GenAI instrumentation in the page become `$ai_*` events.
 */
export function setupLLMAnalytics(options: SetupLLMAnalyticsOptions = {}): LLMAnalytics {
  const { tracerConfig, register = true, ...exportOptions } = options ?? {};
  const processor = new PostHogSpanProcessor(exportOptions);
  const provider = new WebTracerProvider({
    ...tracerConfig,
    spanProcessors: [processor, ...(tracerConfig?.spanProcessors ?? [])],
  });
  if (register !== false) provider.register(register === true ? {} : register);
  return { provider, processor, shutdown: () => provider.shutdown() };
}
