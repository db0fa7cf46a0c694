import { startMockOpenAI } from '@llm-analytics/testing';
import { defineConfig, type ProxyOptions } from 'vite';

/**
 * The page calls same-origin `/v1`: proxied to api.openai.com with OPENAI_API_KEY added here
 * (the key never reaches the browser), else to the mock OpenAI server started with the dev
 * server. The proxy also spares the mock from answering CORS.
 */
async function openAIProxy(): Promise<Record<string, ProxyOptions>> {
  const key = process.env.OPENAI_API_KEY;
  const target = key ? 'https://api.openai.com' : (await startMockOpenAI()).origin;
  return {
    '/v1': {
      target,
      changeOrigin: true,
      configure: (proxy) => {
        proxy.on('proxyReq', (request) => {
          if (key) request.setHeader('authorization', `Bearer ${key}`);
          else request.removeHeader('authorization');
        });
      },
    },
  };
}

export default defineConfig(async ({ command }) => {
  // The AI SDK and its zod schemas are most of the bundle; the analytics part is about 60 KB.
  if (command === 'build') return { build: { chunkSizeWarningLimit: 1024 } };
  const proxy = await openAIProxy();
  return { server: { host: '127.0.0.1', proxy }, preview: { host: '127.0.0.1', proxy } };
});
