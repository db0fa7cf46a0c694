// Real dated snapshots, so the response model differs from the requested alias as it does
// against api.openai.com.
const MODEL_SNAPSHOTS: Record<string, string> = {
  'gpt-4o-mini': 'gpt-4o-mini-2024-07-18',
  'gpt-4o': 'gpt-4o-2024-08-06',
  'gpt-4.1': 'gpt-4.1-2025-04-14',
  'gpt-4.1-mini': 'gpt-4.1-mini-2025-04-14',
  'gpt-4.1-nano': 'gpt-4.1-nano-2025-04-14',
  'gpt-3.5-turbo': 'gpt-3.5-turbo-0125',
  o1: 'o1-2024-12-17',
  o3: 'o3-2025-04-16',
  'o3-mini': 'o3-mini-2025-01-31',
  'o4-mini': 'o4-mini-2025-04-16',
  'gpt-5': 'gpt-5-2025-08-07',
  'gpt-5-mini': 'gpt-5-mini-2025-08-07',
  'gpt-5-nano': 'gpt-5-nano-2025-08-07',
};

/** The model name the mock answers with for a requested model. */
export function responseModelFor(requestedModel: string): string {
  return MODEL_SNAPSHOTS[requestedModel] ?? requestedModel;
}

/** Reasoning models report reasoning tokens: the o-series and gpt-5. */
export function isReasoningModel(model: string): boolean {
  return /^o\d/.test(model) || model.startsWith('gpt-5');
}

/** Models listed by `GET /v1/models`. */
export const LISTED_MODELS = [
  'gpt-4o-mini',
  'gpt-4o',
  'o4-mini',
  'gpt-5',
  'text-embedding-3-small',
] as const;
