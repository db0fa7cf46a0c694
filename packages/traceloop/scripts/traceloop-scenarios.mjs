// The scenarios every Traceloop capture runs: the fixture capture scripts (current release
// here, 0.16 in packages/traceloop-legacy-tests) and the live integration tests. Each
// scenario is one trace (or, for the bare tool loop, two) against the mock OpenAI server,
// so answers, ids and token counts are deterministic.
//
// `traceloop` is the imported `@traceloop/node-server-sdk` module, `client` an `openai`
// client whose class was passed to `initialize({ instrumentModules: { openAI } })`.

export const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Get the current weather for a city',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string', description: 'City name' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      },
      required: ['city'],
    },
  },
};

/** The tool the scenarios run locally: deterministic, like the mock. */
export function getWeather({ city, unit = 'celsius' }) {
  return { city, temperature: 21, unit };
}

async function chat(client, content, extra = {}) {
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content }],
    ...extra,
  });
  return completion.choices[0].message.content;
}

/** Tool call, local tool (optionally inside `withTool`), tool result, final answer. */
async function weatherLoop(traceloop, client, question, { wrapTool }) {
  const messages = [{ role: 'user', content: question }];
  const first = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages,
    tools: [weatherTool],
  });
  const assistant = first.choices[0].message;
  const call = assistant.tool_calls[0];
  const args = JSON.parse(call.function.arguments);
  const result = wrapTool
    ? await traceloop.withTool({ name: 'get_weather' }, async (input) => getWeather(input), args)
    : getWeather(args);
  messages.push(assistant, {
    role: 'tool',
    tool_call_id: call.id,
    content: JSON.stringify(result),
  });
  const second = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages,
    tools: [weatherTool],
  });
  return second.choices[0].message.content;
}

/**
 * Scenario name → what it runs. Each returns nothing; failures that the scenario expects
 * (the 429, the failing workflow) are caught here.
 */
export function traceloopScenarios({ traceloop, client, mock, tracer }) {
  return {
    async chat() {
      await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [
          { role: 'system', content: 'You are a helpful assistant. Answer in one sentence.' },
          { role: 'user', content: 'What is the capital of France?' },
        ],
        temperature: 0.7,
        max_tokens: 256,
      });
    },

    async 'chat-stream'() {
      const stream = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Write a haiku about telemetry.' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      for await (const chunk of stream) void chunk;
    },

    async 'tools-two-turns'() {
      await weatherLoop(traceloop, client, 'What is the weather in Paris?', { wrapTool: false });
    },

    async responses() {
      await client.responses.create({
        model: 'gpt-4o-mini',
        instructions: 'You are a concise assistant.',
        input: 'Name three primary colors.',
        temperature: 0.5,
        max_output_tokens: 128,
      });
    },

    // 0.27 ends a streamed Responses call's span as soon as the stream opens, with request
    // attributes only (no output, no usage); 0.16 does not instrument the Responses API.
    async 'responses-stream'() {
      const stream = await client.responses.create({
        model: 'gpt-4o-mini',
        input: 'Count to three.',
        stream: true,
      });
      for await (const event of stream) void event;
    },

    // The one failure path 0.27 ends a span for: an ERROR span with an exception event.
    async 'responses-stream-429'() {
      mock.inject({ status: 429 });
      try {
        await client.responses.create({
          model: 'gpt-4o-mini',
          input: 'Rate limited.',
          stream: true,
        });
      } catch (error) {
        if (error?.status !== 429) throw error;
      }
    },

    async workflow() {
      await traceloop.withWorkflow(
        { name: 'plan_trip' },
        async ({ city, days }) => {
          const ideas = await traceloop.withTask(
            { name: 'research' },
            async (topic) => chat(client, `List sights in ${topic}.`),
            city,
          );
          const summary = await traceloop.withTask(
            { name: 'summarize' },
            async (text) => chat(client, `Summarize: ${text}`),
            ideas,
          );
          return { city, days, summary };
        },
        { city: 'Paris', days: 2 },
      );
    },

    async agent() {
      await traceloop.withAgent(
        { name: 'weather_agent' },
        async (question) => weatherLoop(traceloop, client, question, { wrapTool: true }),
        'What is the weather in Paris?',
      );
    },

    async association() {
      await traceloop.withAssociationProperties(
        { user_id: 'user-42', session_id: 'session-7', tenant: 'acme' },
        async () =>
          traceloop.withWorkflow(
            { name: 'support_chat' },
            async (question) =>
              traceloop.withTask({ name: 'answer' }, async (q) => chat(client, q), question),
            'How do I reset my password?',
          ),
      );
    },

    // The mock answers 429 to the next request; the client does not retry.
    async 'error-429'() {
      mock.inject({ status: 429 });
      try {
        await chat(client, 'This call is rate limited.');
      } catch (error) {
        if (error?.status !== 429) throw error;
      }
    },

    async 'error-500'() {
      mock.inject({ status: 500 });
      try {
        await chat(client, 'This call fails on the server.');
      } catch (error) {
        if (error?.status !== 500) throw error;
      }
    },

    async 'chat-stream-429'() {
      mock.inject({ status: 429 });
      try {
        const stream = await client.chat.completions.create({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: 'This stream is rate limited.' }],
          stream: true,
        });
        for await (const chunk of stream) void chunk;
      } catch (error) {
        if (error?.status !== 429) throw error;
      }
    },

    // A workflow whose task succeeds and whose body then throws.
    async 'workflow-error'() {
      try {
        await traceloop.withWorkflow({ name: 'failing_flow' }, async () => {
          await traceloop.withTask({ name: 'lookup' }, async () => chat(client, 'Look this up.'));
          throw new Error('workflow failed after the task');
        });
      } catch (error) {
        if (error?.message !== 'workflow failed after the task') throw error;
      }
    },

    // Not instrumented by Traceloop: pinned so a release that adds it is noticed.
    async embeddings() {
      await client.embeddings.create({ model: 'text-embedding-3-small', input: 'hello world' });
    },

    // A span from another instrumentation scope inside a workflow: does the processor keep it?
    async 'foreign-scope'() {
      await traceloop.withWorkflow({ name: 'with_foreign_span' }, async () => {
        await tracer.startActiveSpan('db.lookup', async (span) => {
          span.setAttribute('db.system', 'postgresql');
          span.end();
        });
        await chat(client, 'Hello from a mixed trace.');
      });
    },
  };
}
