import { describe, expect, it } from 'vitest';
import { propertiesOf } from './make-span';

const LLM = { 'openinference.span.kind': 'LLM' };
const IN = 'llm.input_messages';
const OUT = 'llm.output_messages';

describe('messages rebuilt from the flattened form', () => {
  it('multi-part contents: text and image parts, text parts joined like the core does', () => {
    const p = propertiesOf({
      ...LLM,
      [`${IN}.0.message.role`]: 'user',
      [`${IN}.0.message.contents.0.message_content.type`]: 'text',
      [`${IN}.0.message.contents.0.message_content.text`]: 'Describe ',
      [`${IN}.0.message.contents.1.message_content.type`]: 'image',
      [`${IN}.0.message.contents.1.message_content.image.image.url`]: 'https://example.com/a.png',
      [`${IN}.1.message.role`]: 'user',
      [`${IN}.1.message.contents.0.message_content.type`]: 'input_text',
      [`${IN}.1.message.contents.0.message_content.text`]: 'Hello, ',
      [`${IN}.1.message.contents.1.message_content.type`]: 'input_text',
      [`${IN}.1.message.contents.1.message_content.text`]: 'world',
    });
    expect(p.$ai_input).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Describe ' },
          { type: 'image', image: 'https://example.com/a.png' },
        ],
      },
      { role: 'user', content: 'Hello, world' },
    ]);
  });

  it('keeps audio, reasoning and unknown parts; drops empty reasoning placeholders', () => {
    const p = propertiesOf({
      ...LLM,
      [`${IN}.0.message.contents.0.message_content.type`]: 'audio',
      [`${IN}.0.message.contents.0.message_content.audio.audio.url`]: 'https://example.com/a.wav',
      [`${IN}.0.message.contents.0.message_content.audio.audio.mime_type`]: 'audio/wav',
      [`${OUT}.0.message.role`]: 'assistant',
      [`${OUT}.0.message.contents.0.message_content.type`]: 'reasoning',
      [`${OUT}.0.message.contents.0.message_content.encrypted_content`]: 'opaque',
      [`${OUT}.1.message.role`]: 'assistant',
      [`${OUT}.1.message.contents.0.message_content.type`]: 'reasoning',
      [`${OUT}.1.message.contents.0.message_content.text`]: 'Think first.',
      [`${OUT}.1.message.contents.1.message_content.type`]: 'refusal',
      [`${OUT}.1.message.contents.1.message_content.text`]: 'I cannot.',
    });
    expect(p.$ai_input).toEqual([
      {
        role: 'user',
        content: [{ type: 'audio', audio: 'https://example.com/a.wav', mime_type: 'audio/wav' }],
      },
    ]);
    expect(p.$ai_output_choices).toEqual([
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Think first.' },
          { type: 'refusal', text: 'I cannot.' },
        ],
      },
    ]);
    expect(JSON.stringify(p)).not.toContain('opaque');
  });

  it('tool calls, tool call ids, function names and the legacy function call', () => {
    const p = propertiesOf({
      ...LLM,
      [`${IN}.0.message.role`]: 'assistant',
      [`${IN}.0.message.tool_calls.0.tool_call.id`]: 'call_1',
      [`${IN}.0.message.tool_calls.0.tool_call.function.name`]: 'lookup',
      [`${IN}.0.message.tool_calls.0.tool_call.function.arguments`]: '{"q":1}',
      [`${IN}.0.message.tool_calls.1.tool_call.id`]: 'call_2',
      [`${IN}.0.message.tool_calls.1.tool_call.function.name`]: 'fetch',
      [`${IN}.0.message.tool_calls.1.tool_call.function.arguments`]: '{}',
      [`${IN}.1.message.role`]: 'tool',
      [`${IN}.1.message.tool_call_id`]: 'call_1',
      [`${IN}.1.message.content`]: 'result 1',
      [`${IN}.2.message.role`]: 'function',
      [`${IN}.2.message.function_call_name`]: 'legacy_fn',
      [`${IN}.2.message.content`]: 'legacy result',
      [`${OUT}.0.message.role`]: 'assistant',
      [`${OUT}.0.message.function_call_name`]: 'legacy_fn',
      [`${OUT}.0.message.function_call_arguments_json`]: '{"x":2}',
      'llm.function_call': '{"name":"other_fn","arguments":"{}"}',
    });
    expect(p.$ai_input).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":1}' } },
          { id: 'call_2', type: 'function', function: { name: 'fetch', arguments: '{}' } },
        ],
      },
      { role: 'tool', content: 'result 1', tool_call_id: 'call_1' },
      { role: 'function', content: 'legacy result', name: 'legacy_fn' },
    ]);
    expect(p.$ai_output_choices).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { type: 'function', function: { name: 'legacy_fn', arguments: '{"x":2}' } },
          { type: 'function', function: { name: 'other_fn', arguments: '{}' } },
        ],
      },
    ]);
    expect(p['llm.function_call']).toBeUndefined();
  });

  it('structured messages win over input.value / output.value, which are consumed', () => {
    const p = propertiesOf({
      ...LLM,
      'input.value': '{"messages":[{"role":"user","content":"raw"}]}',
      'input.mime_type': 'application/json',
      'output.value': 'raw answer',
      [`${IN}.0.message.content`]: 'structured',
      [`${OUT}.0.message.content`]: 'structured answer',
    });
    expect(p.$ai_input).toEqual([{ role: 'user', content: 'structured' }]);
    expect(p.$ai_output_choices).toEqual([{ role: 'assistant', content: 'structured answer' }]);
    expect(JSON.stringify(p)).not.toContain('raw');
  });

  it('falls back to the raw values when no structured messages were recorded', () => {
    const chat = propertiesOf({
      ...LLM,
      'input.value': JSON.stringify({
        model: 'gpt-4o-mini',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
        ],
      }),
      'input.mime_type': 'application/json',
      'output.value': JSON.stringify({
        id: 'chatcmpl-1',
        choices: [{ message: { role: 'assistant', content: 'Hello' }, finish_reason: 'stop' }],
      }),
      'output.mime_type': 'application/json',
    });
    expect(chat.$ai_input).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ]);
    expect(chat.$ai_output_choices).toEqual([
      { role: 'assistant', content: 'Hello', finish_reason: 'stop' },
    ]);
    expect(chat.$ai_response_id).toBe('chatcmpl-1');

    const responses = propertiesOf({
      ...LLM,
      'input.value': { instructions: 'Be brief.', input: 'Hi' },
      'output.value': 'plain text answer',
    });
    expect(responses.$ai_input).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ]);
    expect(responses.$ai_output_choices).toEqual([
      { role: 'assistant', content: 'plain text answer' },
    ]);

    const text = propertiesOf({ ...LLM, 'input.value': 'just a prompt' });
    expect(text.$ai_input).toEqual([{ role: 'user', content: 'just a prompt' }]);
    const prompts = propertiesOf({ ...LLM, 'llm.prompts': ['one', 'two'] });
    expect(prompts.$ai_input).toEqual([
      { role: 'user', content: 'one' },
      { role: 'user', content: 'two' },
    ]);
  });

  it('non-string message content (a structured value) is kept as JSON text', () => {
    const p = propertiesOf({ ...LLM, [`${IN}.0.message.content`]: { a: 1 } });
    expect(p.$ai_input).toEqual([{ role: 'user', content: '{"a":1}' }]);
  });

  it('tools from llm.tools.{i}.tool.json_schema, as JSON strings or structured values', () => {
    const p = propertiesOf({
      ...LLM,
      'llm.tools.0.tool.json_schema': '{"type":"function","function":{"name":"a"}}',
      'llm.tools.1.tool.json_schema': { type: 'function', function: { name: 'b' } },
      'llm.tools.2.tool.name': 'c',
      'llm.tools.2.tool.parameters': '{"type":"object"}',
    });
    expect(p.$ai_tools).toEqual([
      { type: 'function', function: { name: 'a' } },
      { type: 'function', function: { name: 'b' } },
      { type: 'function', function: { name: 'c', parameters: { type: 'object' } } },
    ]);
  });
});
