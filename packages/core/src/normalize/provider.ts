/** Suffixes some frameworks append to the provider (`openai.chat`, `openai.responses`, …). */
const API_SUFFIXES = [
  '.chat',
  '.responses',
  '.completion',
  '.completions',
  '.embedding',
  '.embeddings',
  '.messages',
  '.image',
  '.transcription',
  '.speech',
];

/** Provider names lower-cased with API-surface suffixes removed: `openai.responses` → `openai`. */
export function normalizeProvider(provider: string | undefined): string | undefined {
  if (!provider) return undefined;
  let name = provider.trim().toLowerCase();
  for (const suffix of API_SUFFIXES) {
    if (name.endsWith(suffix) && name.length > suffix.length) {
      name = name.slice(0, -suffix.length);
      break;
    }
  }
  return name || undefined;
}
