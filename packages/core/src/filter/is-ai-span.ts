import {
  AI_ATTRIBUTE_PREFIXES,
  AI_SCOPE_NAMES,
  AI_SCOPE_PREFIXES,
  AI_SPAN_NAME_PREFIXES,
} from '../semconv/filter-table';

const scopeDecisions = new Map<string, boolean>();
const MAX_CACHED_SCOPES = 256;

/** Whether an instrumentation scope name alone marks its spans as AI. Cached per name. */
export function isAIScope(scopeName: string | undefined): boolean {
  if (!scopeName) return false;
  const cached = scopeDecisions.get(scopeName);
  if (cached !== undefined) return cached;
  const decision =
    AI_SCOPE_NAMES.includes(scopeName) || AI_SCOPE_PREFIXES.some((p) => scopeName.startsWith(p));
  if (scopeDecisions.size < MAX_CACHED_SCOPES) scopeDecisions.set(scopeName, decision);
  return decision;
}

/**
 * The attribute prefixes by their first character code. `onEnd` runs this for every key of
 * every span the application ends: most keys (`http.*`, `db.*`, `url.*`) start with a letter
 * no AI prefix starts with, so they cost one array read instead of a `startsWith` per prefix.
 */
const ATTRIBUTE_PREFIXES_BY_FIRST_CHAR: ReadonlyArray<readonly string[] | undefined> = (() => {
  const table: string[][] = [];
  for (const prefix of AI_ATTRIBUTE_PREFIXES) (table[prefix.charCodeAt(0)] ??= []).push(prefix);
  return table;
})();

/** Whether an attribute key belongs to one of the AI namespaces. */
export function isAIAttributeKey(key: string): boolean {
  const prefixes = ATTRIBUTE_PREFIXES_BY_FIRST_CHAR[key.charCodeAt(0)];
  if (prefixes === undefined) return false;
  for (const prefix of prefixes) {
    if (key.startsWith(prefix)) return true;
  }
  return false;
}

/**
 * The shared AI-span filter: scope first, then attribute namespaces, then the span name (as
 * PostHog's own filter does: `ai.generateText`). Runs in `onEnd`, so it stops at the first
 * hit and allocates nothing.
 */
export function isAISpan(
  scopeName: string | undefined,
  attributes: Readonly<Record<string, unknown>> | undefined,
  spanName?: string,
): boolean {
  if (isAIScope(scopeName)) return true;
  for (const key in attributes) {
    if (isAIAttributeKey(key)) return true;
  }
  if (spanName) {
    for (const prefix of AI_SPAN_NAME_PREFIXES) if (spanName.startsWith(prefix)) return true;
  }
  return false;
}
