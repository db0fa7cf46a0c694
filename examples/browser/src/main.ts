import { createOpenAI } from '@ai-sdk/openai';
import { setupLLMAnalytics } from '@llm-analytics/browser';
import { vercelAiIntegration } from '@llm-analytics/vercel-ai';
import { generateText } from 'ai';
import { readConfig } from './config';

const config = readConfig(location.search, import.meta.env);

// One call at page start: a WebTracerProvider registered globally, with the analytics processor.
const { processor } = setupLLMAnalytics({
  apiKey: config.token,
  host: config.host,
  integrations: [vercelAiIntegration],
  flushIntervalMs: config.flushIntervalMs,
});

// Same-origin /v1: the dev server proxies it to the mock OpenAI server, or to the real API
// with the key added there, so no key is ever shipped to the page.
const openai = createOpenAI({ baseURL: new URL('/v1', location.href).href, apiKey: 'proxied' });

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = element('status');
const answer = element('answer');
element('host').textContent = config.host;
element('user').textContent = config.user;

element<HTMLFormElement>('ask').addEventListener('submit', async (event) => {
  event.preventDefault();
  const prompt = element<HTMLInputElement>('prompt').value;
  document.body.dataset.state = 'asking';
  status.textContent = 'asking…';
  try {
    const { text } = await generateText({
      model: openai(config.model),
      system: 'You are a helpful assistant. Answer in one sentence.',
      prompt,
      experimental_telemetry: {
        isEnabled: true,
        functionId: 'browser-example',
        metadata: { posthog_distinct_id: config.user },
      },
    });
    answer.textContent = text;
    status.textContent = 'answered · event queued';
    document.body.dataset.state = 'answered';
  } catch (error) {
    answer.textContent = String(error);
    status.textContent = 'failed';
    document.body.dataset.state = 'failed';
  }
});

element('flush').addEventListener('click', async () => {
  await processor.forceFlush();
  status.textContent = 'flushed';
});
