import { trace } from '@opentelemetry/api';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { MockOpenAIServer } from '@llm-analytics/testing';
import OpenAI from 'openai';
import { z } from 'zod';

/** A real MCP server with one tool, connected in-process to a real MCP client. */
export async function connectWeatherServer(): Promise<Client> {
  const server = new McpServer({ name: 'weather', version: '1.0.0' });
  server.registerTool(
    'get_weather',
    { description: 'Get the weather for a city', inputSchema: { city: z.string() } },
    async ({ city }) => ({ content: [{ type: 'text', text: `Sunny in ${city}` }] }),
  );
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const client = new Client({ name: 'weather-app', version: '1.0.0' });
  await client.connect(clientTransport);
  return client;
}

/**
 * An agent turn: the model is offered the MCP server's tools, calls `get_weather`, the app
 * runs it through MCP and sends the result back for the answer.
 */
export async function agentTurn(mcp: Client, mock: MockOpenAIServer): Promise<string> {
  const openai = new OpenAI({ baseURL: mock.url, apiKey: 'sk-test', maxRetries: 0 });
  const { tools } = await mcp.listTools();
  const offered = tools.map((tool) => ({
    type: 'function' as const,
    function: { name: tool.name, description: tool.description, parameters: tool.inputSchema },
  }));
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
    { role: 'user', content: 'What is the weather in Paris?' },
  ];
  const first = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages,
    tools: offered,
  });
  const call = first.choices[0]!.message.tool_calls![0]!;
  if (call.type !== 'function') throw new Error('expected a function call');
  const result = await mcp.callTool({
    name: call.function.name,
    arguments: JSON.parse(call.function.arguments) as Record<string, unknown>,
  });
  const text = (result.content as Array<{ type: string; text: string }>)[0]!.text;
  messages.push(first.choices[0]!.message, { role: 'tool', tool_call_id: call.id, content: text });
  const second = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages,
    tools: offered,
  });
  return second.choices[0]!.message.content ?? '';
}

/** Runs `fn` inside an active span of the application (the agent's request). */
export function inSpan<T>(name: string, fn: () => Promise<T>): Promise<T> {
  return trace.getTracer('weather-app').startActiveSpan(name, async (span) => {
    try {
      return await fn();
    } finally {
      span.end();
    }
  });
}
