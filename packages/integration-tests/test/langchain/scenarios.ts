import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { tool } from '@langchain/core/tools';
import { ChatOpenAI } from '@langchain/openai';
import type { MockOpenAIServer } from '@llm-analytics/testing';
import { createAgent } from 'langchain';
import { z } from 'zod';

/** `ChatOpenAI` against the mock OpenAI server. */
export function chatModel(mock: MockOpenAIServer): ChatOpenAI {
  return new ChatOpenAI({
    model: 'gpt-4o-mini',
    apiKey: 'sk-test',
    maxRetries: 0,
    configuration: { baseURL: mock.url },
  });
}

/** A chain: prompt template → chat model → string parser. Answers `Echo: Tell me about otters`. */
export async function runChain(mock: MockOpenAIServer): Promise<string> {
  const chain = ChatPromptTemplate.fromMessages([
    ['system', 'You are terse.'],
    ['human', 'Tell me about {topic}'],
  ])
    .pipe(chatModel(mock))
    .pipe(new StringOutputParser());
  return chain.invoke({ topic: 'otters' });
}

/** A tool-calling agent (`createAgent`, LangGraph underneath): tool call, tool, answer. */
export async function runAgent(mock: MockOpenAIServer): Promise<string> {
  const getWeather = tool(async ({ city }) => `Sunny in ${city}`, {
    name: 'get_weather',
    description: 'Get the weather for a city',
    schema: z.object({ city: z.string() }),
  });
  const agent = createAgent({ model: chatModel(mock), tools: [getWeather] });
  const result = await agent.invoke({
    messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
  });
  return String(result.messages.at(-1)?.content);
}

/** A streamed model call (LangChain asks for the usage chunk). */
export async function runStream(mock: MockOpenAIServer): Promise<string> {
  let text = '';
  for await (const chunk of await chatModel(mock).stream('Stream please')) text += chunk.content;
  return text;
}

/** Usage the mock reports for the LangChain calls (input includes cached tokens: none here). */
export const USAGE = {
  chain: { input: 18, output: 7 },
  agentToolCall: { input: 83, output: 7 },
  agentAnswer: { input: 121, output: 12 },
  stream: { input: 10, output: 5 },
} as const;
