import { defineIntegration } from '@llm-analytics/core';
import { vercelAiNormalizer } from './normalize-vercel-ai';

/** The Vercel AI SDK (6's `ai.*` spans, 7's `@ai-sdk/otel` spans), for `createMapper` and the server. */
export const vercelAiIntegration = defineIntegration({
  name: 'vercel-ai',
  normalizers: [vercelAiNormalizer],
});
