import { createRequire, register } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';

/** OpenTelemetry's ESM loader hook: `import-in-the-middle`'s, re-exported by the instrumentation base. */
export const OTEL_LOADER_HOOK = '@opentelemetry/instrumentation/hook.mjs';

/**
 * Packages that depend on `@opentelemetry/instrumentation`: when the app does not depend on
 * it directly (strict pnpm layouts), the hook is found through them, so the hook and the
 * instrumentations share one `import-in-the-middle` (two copies would patch nothing).
 */
const CARRIERS = [
  '@opentelemetry/sdk-node',
  '@opentelemetry/auto-instrumentations-node',
  '@opentelemetry/instrumentation-openai',
];

const REGISTERED = Symbol.for('@llm-analytics/node-sdk/esm-loader-hook');

export interface LoaderHookResult {
  /** Whether the hook is registered (now or earlier in this thread). */
  registered: boolean;
  /** File URL of the registered hook. */
  hookUrl?: string;
  /** Why it could not be registered. */
  reason?: string;
}

/** Where to look for the hook: the app's entry script, the working directory, this package. */
function searchBases(): string[] {
  const bases: string[] = [];
  const entry = process.argv[1];
  if (entry) bases.push(dirname(resolve(entry)));
  bases.push(process.cwd());
  const own = ownDirectory();
  if (own) bases.push(own);
  return [...new Set(bases)];
}

/** This file's directory in both builds (`import.meta` does not exist in the CommonJS one). */
function ownDirectory(): string | undefined {
  try {
    return typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  } catch {
    return undefined;
  }
}

/** Resolve OpenTelemetry's loader hook as the app's own instrumentations would. */
export function resolveLoaderHook(bases: readonly string[] = searchBases()): string | undefined {
  for (const base of bases) {
    const requireFromBase = createRequire(join(base, 'noop.js'));
    try {
      return requireFromBase.resolve(OTEL_LOADER_HOOK);
    } catch {
      // Not a direct dependency here: try through the packages that carry it.
    }
    for (const carrier of CARRIERS) {
      try {
        const carrierEntry = requireFromBase.resolve(carrier);
        return createRequire(carrierEntry).resolve(OTEL_LOADER_HOOK);
      } catch {
        // Not installed here, or it does not carry the hook: next one.
      }
    }
  }
  return undefined;
}

/** Whether OpenTelemetry's ESM loader hook was registered through this package. */
export function isLoaderHookRegistered(): boolean {
  return typeof (globalThis as Record<symbol, unknown>)[REGISTERED] === 'string';
}

/**
 * Registers OpenTelemetry's ESM loader hook (`module.register`), so instrumentations can patch
 * ES modules such as `openai` in an ES-module app. Must run before the app's modules load:
 * `node --import @llm-analytics/node-sdk/register app.mjs` does it; call it yourself only at the
 * top of your own `--import` file. Idempotent; never throws.
 */
export function registerLoaderHook(): LoaderHookResult {
  const existing = (globalThis as Record<symbol, unknown>)[REGISTERED];
  if (typeof existing === 'string') return { registered: true, hookUrl: existing };
  // Like OpenTelemetry's own distributions: a worker inheriting `--import` does not register a second hook chain.
  if (!isMainThread) return { registered: false, reason: 'not the main thread' };
  try {
    const hookPath = resolveLoaderHook();
    if (!hookPath)
      return {
        registered: false,
        reason: `cannot find ${OTEL_LOADER_HOOK}: install @opentelemetry/instrumentation (it comes with @opentelemetry/sdk-node)`,
      };
    const hookUrl = pathToFileURL(hookPath).href;
    register(hookUrl);
    (globalThis as Record<symbol, unknown>)[REGISTERED] = hookUrl;
    return { registered: true, hookUrl };
  } catch (error) {
    return { registered: false, reason: String(error) };
  }
}
