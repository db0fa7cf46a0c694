import { P } from '../semconv/posthog';

/**
 * Token counts in the inclusive convention genai-prices expects: `inputTotal` includes the
 * cache-read and cache-write tokens, `output` includes `reasoning`. Always consistent
 * (cacheRead + cacheWrite ≤ inputTotal, reasoning ≤ output), so pricing never throws on them.
 */
export interface TokenUsage {
  inputTotal: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
  reasoning: number;
}

/** The value as a finite non-negative number (numeric strings accepted), else `NaN`. */
export function readAmount(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : NaN;
  if (typeof value === 'string' && value.trim() !== '') return readAmount(Number(value));
  return NaN;
}

function readOptionalAmount(properties: Record<string, unknown>, key: string): number | undefined {
  const value = properties[key];
  return value === undefined || value === null ? undefined : readAmount(value);
}

function readFlag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/**
 * Whether `$ai_input_tokens` includes cached tokens: the event's flag, else PostHog's
 * convention (Anthropic's raw input count excludes cache, everyone else's includes it).
 */
export function inputIncludesCache(
  properties: Record<string, unknown>,
  priceProviderId: string | undefined,
): boolean {
  return readFlag(properties[P.inputTokensIncludeCache]) ?? priceProviderId !== 'anthropic';
}

/** Reads and reconciles the event's token counts, or returns why it cannot. */
export function readTokenUsage(
  properties: Record<string, unknown>,
  priceProviderId: string | undefined,
): TokenUsage | { error: string } {
  const keys = [
    P.inputTokens,
    P.outputTokens,
    P.cacheReadInputTokens,
    P.cacheCreationInputTokens,
    P.reasoningTokens,
  ] as const;
  const counts = keys.map((key) => readOptionalAmount(properties, key));
  for (const [index, count] of counts.entries()) {
    if (Number.isNaN(count)) return { error: `invalid ${keys[index]}` };
  }
  const [input, output, cacheRead, cacheWrite, reasoning] = counts;
  if (input === undefined && output === undefined) return { error: 'no token counts' };

  const outputTokens = output ?? 0;
  const reasoningTokens = Math.min(reasoning ?? 0, outputTokens);
  if (!inputIncludesCache(properties, priceProviderId)) {
    const read = cacheRead ?? 0;
    const write = cacheWrite ?? 0;
    return {
      inputTotal: (input ?? 0) + read + write,
      cacheRead: read,
      cacheWrite: write,
      output: outputTokens,
      reasoning: reasoningTokens,
    };
  }
  // Inclusive convention: cache counts are parts of the input; clamp so a bad report can
  // neither price more cached tokens than were sent nor make the fresh count negative.
  const inputTotal = input ?? 0;
  const read = Math.min(cacheRead ?? 0, inputTotal);
  const write = Math.min(cacheWrite ?? 0, inputTotal - read);
  return {
    inputTotal,
    cacheRead: read,
    cacheWrite: write,
    output: outputTokens,
    reasoning: reasoningTokens,
  };
}
