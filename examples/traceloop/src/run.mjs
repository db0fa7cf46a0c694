// The Traceloop example: OpenAI calls instrumented by @traceloop/node-server-sdk become $ai_*
// events through @llm-analytics/traceloop. `start.mjs` runs it from the command line; a demo
// script can import `run` and call it (once per process: Traceloop's setup is global).
import * as traceloop from '@traceloop/node-server-sdk';
import OpenAI from 'openai';
import { tagStreamedCalls, traceloopOptions } from '@llm-analytics/traceloop';

const MODEL = 'gpt-4o-mini';

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Get the current weather for a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
    },
  },
};

async function getWeather({ city }) {
  return { city, temperature: 21, unit: 'celsius' };
}

async function ask(client, content) {
  const completion = await client.chat.completions.create({
    model: MODEL,
    messages: [{ role: 'user', content }],
  });
  return completion.choices[0].message.content;
}

async function streamHaiku(client) {
  const stream = await client.chat.completions.create({
    model: MODEL,
    messages: [{ role: 'user', content: 'Write a haiku about telemetry.' }],
    stream: true,
  });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  return text;
}

/** Two turns with a tool in between; the tool runs inside `withTool`. */
async function weatherAgent(client, question) {
  const messages = [{ role: 'user', content: question }];
  const first = await client.chat.completions.create({
    model: MODEL,
    messages,
    tools: [weatherTool],
  });
  const assistant = first.choices[0].message;
  if (!assistant.tool_calls?.length) return assistant.content;
  messages.push(assistant);
  for (const call of assistant.tool_calls) {
    const args = JSON.parse(call.function.arguments);
    const result = await traceloop.withTool({ name: 'get_weather' }, getWeather, args);
    messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) });
  }
  const second = await client.chat.completions.create({
    model: MODEL,
    messages,
    tools: [weatherTool],
  });
  return second.choices[0].message.content;
}

/** A workflow with two tasks, each one model call. */
async function planTrip(client, { city, days }) {
  const sights = await traceloop.withTask(
    { name: 'research' },
    (topic) => ask(client, `List three sights in ${topic}.`),
    city,
  );
  const plan = await traceloop.withTask(
    { name: 'summarize' },
    (text) => ask(client, `Make a ${days}-day plan from: ${text}`),
    sights,
  );
  return { city, days, plan };
}

let started = false;

/**
 * Runs the scenarios (chat, streamed chat, an agent with a tool, a workflow with tasks) as
 * one user in one session, flushes, and returns the events sent by type.
 * `openaiBaseUrl` undefined: the real OpenAI API (with `openaiApiKey`).
 */
export async function run({ host, token, openaiBaseUrl, openaiApiKey = 'sk-mock' }) {
  if (started)
    throw new Error('run() sets up Traceloop, which is global: call it once per process');
  started = true;
  const sent = {};
  traceloop.initialize({
    appName: 'llm-analytics-traceloop-example',
    silenceInitializationMessage: true,
    // ESM: hand Traceloop the class to patch (its require hook does not see `import`).
    instrumentModules: { openAI: OpenAI },
    ...traceloopOptions({
      apiKey: token,
      host,
      beforeSend(event) {
        sent[event.event] = (sent[event.event] ?? 0) + 1;
        return event;
      },
    }),
  });
  // Marks streamed calls, whose token counts Traceloop estimates itself.
  const client = tagStreamedCalls(
    new OpenAI({ baseURL: openaiBaseUrl, apiKey: openaiApiKey, maxRetries: 1 }),
  );

  const person = { user_id: 'example-user', session_id: `traceloop-example-${Date.now()}` };
  await traceloop.withAssociationProperties(person, async () => {
    await ask(client, 'What is the capital of France?');
    await streamHaiku(client);
    await traceloop.withAgent(
      { name: 'weather_agent' },
      (question) => weatherAgent(client, question),
      'What is the weather in Paris?',
    );
    await traceloop.withWorkflow({ name: 'plan_trip' }, (trip) => planTrip(client, trip), {
      city: 'Paris',
      days: 2,
    });
  });
  // Flushes Traceloop's processor, which passes the flush on to ours: everything is delivered.
  await traceloop.forceFlush();
  const total = Object.values(sent).reduce((sum, count) => sum + count, 0);
  return { sent, total };
}
