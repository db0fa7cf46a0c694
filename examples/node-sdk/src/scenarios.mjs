// What the app does with OpenAI: plain application code, no telemetry in sight.

const weatherTool = {
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

/** The app's one tool. */
function getWeather({ city, unit = 'celsius' }) {
  return { city, temperature: unit === 'celsius' ? 21 : 70, unit };
}

/**
 * A chat call, a streamed call, a tool loop and an embedding with an `openai` client.
 * `log(line)` reports each step. Returns what each call answered.
 */
export async function runScenarios(client, { model = 'gpt-4o-mini', log = () => {} } = {}) {
  const chat = await client.chat.completions.create({
    model,
    messages: [
      { role: 'system', content: 'You are a helpful assistant. Answer in one sentence.' },
      { role: 'user', content: 'What is the capital of France?' },
    ],
  });
  const answer = chat.choices[0]?.message.content ?? '';
  log(`chat: ${answer}`);

  const stream = await client.chat.completions.create({
    model,
    messages: [{ role: 'user', content: 'Write a haiku about telemetry.' }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let streamed = '';
  for await (const chunk of stream) streamed += chunk.choices[0]?.delta?.content ?? '';
  log(`stream: ${streamed.replace(/\s+/g, ' ')}`);

  // The tool loop: the model asks for the tool, the app runs it, the model answers.
  const messages = [{ role: 'user', content: 'What is the weather in Paris?' }];
  let toolAnswer = '';
  for (let turn = 0; turn < 4; turn++) {
    const response = await client.chat.completions.create({
      model,
      messages,
      tools: [weatherTool],
    });
    const message = response.choices[0].message;
    messages.push(message);
    if (!message.tool_calls?.length) {
      toolAnswer = message.content ?? '';
      break;
    }
    for (const call of message.tool_calls) {
      const result = getWeather(JSON.parse(call.function.arguments));
      log(`tool: ${call.function.name}(${call.function.arguments}) → ${JSON.stringify(result)}`);
      messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) });
    }
  }
  log(`tool loop: ${toolAnswer}`);

  const embedding = await client.embeddings.create({
    model: 'text-embedding-3-small',
    input: 'The quick brown fox jumps over the lazy dog',
  });
  log(`embedding: ${embedding.data[0]?.embedding.length ?? 0} dimensions`);

  return { answer, streamed, toolAnswer, dimensions: embedding.data[0]?.embedding.length ?? 0 };
}
