/**
 * Maps the provider names instrumentations report (`gen_ai.provider.name`, `gen_ai.system`,
 * Vercel AI SDK provider keys) to `@pydantic/genai-prices` provider ids. genai-prices matches
 * many names itself (`provider_match`: `bedrock` → aws, `vertex_ai` → google), but not all
 * (`x_ai`), and some wrongly for pricing purposes (`azure.ai.openai` would match `openai`).
 */
const PROVIDER_ALIASES: Readonly<Record<string, string>> = {
  x_ai: 'x-ai',
  xai: 'x-ai',
  'x.ai': 'x-ai',
  grok: 'x-ai',
  'gcp.vertex_ai': 'google',
  'gcp.gemini': 'google',
  'gcp.gen_ai': 'google',
  vertex_ai: 'google',
  vertexai: 'google',
  vertex: 'google',
  gemini: 'google',
  google_genai: 'google',
  'google.generative-ai': 'google',
  'google.vertex': 'google',
  'aws.bedrock': 'aws',
  bedrock: 'aws',
  'amazon-bedrock': 'aws',
  amazon_bedrock: 'aws',
  aws_bedrock: 'aws',
  'azure.ai.openai': 'azure',
  'az.ai.openai': 'azure',
  'azure.ai.inference': 'azure',
  'az.ai.inference': 'azure',
  azure_openai: 'azure',
  'azure-openai': 'azure',
  azure: 'azure',
  'openai.responses': 'openai',
  'openai.chat': 'openai',
  'openai.completion': 'openai',
  'openai.embedding': 'openai',
  'anthropic.messages': 'anthropic',
  mistral_ai: 'mistral',
  mistralai: 'mistral',
  together_ai: 'together',
  togetherai: 'together',
  'together-ai': 'together',
  fireworks_ai: 'fireworks',
  fireworksai: 'fireworks',
  moonshot: 'moonshotai',
};

/** The genai-prices provider id for a reported provider name (lower-cased), or undefined. */
export function toPriceProviderId(provider: unknown): string | undefined {
  if (typeof provider !== 'string') return undefined;
  const name = provider.trim().toLowerCase();
  if (name === '') return undefined;
  const alias = PROVIDER_ALIASES[name];
  if (alias !== undefined) return alias;
  // Vercel-style keys (`google.vertex.chat`, `azure.chat`, `mistral.embedding`): the
  // segments before the API flavour name the provider.
  const parts = name.split('.');
  for (let length = parts.length - 1; length >= 1; length -= 1) {
    const prefix = parts.slice(0, length).join('.');
    const prefixAlias = PROVIDER_ALIASES[prefix];
    if (prefixAlias !== undefined) return prefixAlias;
  }
  return parts.length > 1 && parts[0] !== '' ? (parts[0] as string) : name;
}
