import { describe, expect, it } from 'vitest';
import { readMessages, readTools } from '../src/lib/messages';

describe('reading $ai_input and $ai_output_choices', () => {
  it('keeps roles, text, tool calls with their ids, tool results and finish reasons', () => {
    const messages = readMessages(
      [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        {
          role: 'tool',
          content: '{"temperature":21}',
          tool_call_id: 'call_1',
          name: 'get_weather',
        },
        { role: 'assistant', content: 'It is 21°C.', finish_reason: 'stop' },
      ],
      'user',
    );
    expect(messages).toEqual([
      { role: 'system', parts: [{ kind: 'text', text: 'Be brief.' }] },
      { role: 'user', parts: [{ kind: 'text', text: 'Weather in Paris?' }] },
      {
        role: 'assistant',
        parts: [
          {
            kind: 'tool-call',
            call: { id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      {
        role: 'tool',
        name: 'get_weather',
        toolCallId: 'call_1',
        parts: [{ kind: 'text', text: '{"temperature":21}' }],
      },
      { role: 'assistant', finishReason: 'stop', parts: [{ kind: 'text', text: 'It is 21°C.' }] },
    ]);
  });

  it('reads multi-part content: text, images by URL, reasoning, tool parts, unknown parts as data', () => {
    const [message] = readMessages(
      [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
            { type: 'reasoning', content: 'thinking…' },
            { type: 'tool_call', id: 't1', name: 'search', arguments: { q: 'cats' } },
            { type: 'tool_call_response', id: 't1', response: 'found' },
            { type: 'weird', value: 1 },
          ],
        },
      ],
      'user',
    )!;
    expect(message!.parts).toEqual([
      { kind: 'text', text: 'What is this?' },
      { kind: 'media', label: 'image', detail: 'https://example.com/cat.png' },
      { kind: 'reasoning', text: 'thinking…' },
      { kind: 'tool-call', call: { id: 't1', name: 'search', arguments: { q: 'cats' } } },
      { kind: 'tool-result', id: 't1', result: 'found' },
      { kind: 'data', label: 'weird', value: { type: 'weird', value: 1 } },
    ]);
  });

  it('accepts a bare string, an OpenAI response object, and nothing', () => {
    expect(readMessages('hello', 'user')).toEqual([
      { role: 'user', parts: [{ kind: 'text', text: 'hello' }] },
    ]);
    expect(
      readMessages({ choices: [{ message: { role: 'assistant', content: 'hi' } }] }, 'assistant'),
    ).toEqual([{ role: 'assistant', parts: [{ kind: 'text', text: 'hi' }] }]);
    expect(readMessages(undefined, 'user')).toBeUndefined();
    expect(readMessages(null, 'user')).toBeUndefined();
  });

  it('reads tool definitions in the OpenAI and the AI SDK shapes', () => {
    expect(
      readTools([
        {
          type: 'function',
          function: { name: 'a', description: 'A', parameters: { type: 'object' } },
        },
        { type: 'function', name: 'b', description: 'B', inputSchema: { type: 'object' } },
        'c',
      ]),
    ).toEqual([
      { name: 'a', description: 'A', schema: { type: 'object' } },
      { name: 'b', description: 'B', schema: { type: 'object' } },
      { name: 'c' },
    ]);
    expect(readTools(undefined)).toEqual([]);
  });
});
