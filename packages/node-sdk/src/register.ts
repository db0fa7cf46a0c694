/**
 * `node --import @llm-analytics/node-sdk/register app.mjs`: registers OpenTelemetry's ESM loader
 * hook before the app loads, so instrumentations can patch ES modules (`import OpenAI from
 * 'openai'`). Without it an ES-module app records no LLM span at all.
 */
import { registerLoaderHook } from './esm-hook';

// Nothing else is loaded here: every module the app imports after this goes through the hook.
const result = registerLoaderHook();
if (!result.registered && result.reason !== 'not the main thread') {
  // A process warning, not `diag`: no diag logger exists before the app's code runs.
  process.emitWarning(
    `the ESM loader hook is not registered (${result.reason}); ES modules will not be instrumented`,
    { code: 'LLM_ANALYTICS_NO_LOADER_HOOK' },
  );
}
