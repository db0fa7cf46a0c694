import { describe, expect, it } from 'vitest';
import { makeSpan } from '../../test/make-span';
import { spansToEvents } from '../integration/create-mapper';
import type { AiEvent } from '../types';
import { redactEvent, redactEventInPlace, utf8Length } from './redact-event';

const base64Png =
  'iVBORw0KGgo' +
  'AAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg'.repeat(20) +
  '==';

function event(properties: Record<string, unknown>): AiEvent {
  return { event: '$ai_generation', distinct_id: 'd', uuid: 'u', timestamp: 't', properties };
}

describe('redact / limit', () => {
  it('replaces data URLs and bare base64 media with placeholders', () => {
    const [e] = spansToEvents([
      makeSpan({
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.input.messages': [
            {
              role: 'user',
              parts: [
                { type: 'text', content: 'Describe' },
                { type: 'blob', modality: 'image', mime_type: 'image/png', content: base64Png },
              ],
            },
          ],
          raw_image: base64Png,
        },
      }),
    ]);
    const content = (
      e!.properties.$ai_input as Array<{ content: Array<Record<string, string>> }>
    )[0]!.content;
    expect(content[0]).toEqual({ type: 'text', text: 'Describe' });
    expect(content[1]!.image).toMatch(/^\[redacted image\/png data URL, \d+ bytes\]$/);
    expect(e!.properties.raw_image).toMatch(/^\[redacted base64, \d+ bytes\]$/);
  });

  it('leaves ordinary text, ids and short strings alone', () => {
    const hex = 'a'.repeat(64) + '0123456789abcdef'.repeat(40);
    const out = redactEvent(
      event({ text: 'Hello world, this is a normal sentence.', id: hex, short: 'abc' }),
    );
    const word = 'y'.repeat(5000);
    const out2 = redactEvent(event({ word }));
    expect(out.properties).toEqual({
      text: 'Hello world, this is a normal sentence.',
      id: hex,
      short: 'abc',
    });
    expect(out2.properties.word).toBe(word);
  });

  it('drops message content in privacy mode but keeps usage and tools', () => {
    const [e] = spansToEvents(
      [
        makeSpan({
          parentSpanId: undefined,
          attributes: {
            'gen_ai.operation.name': 'chat',
            'gen_ai.input.messages':
              '[{"role":"user","parts":[{"type":"text","content":"secret"}]}]',
            'gen_ai.tool.definitions': '[{"type":"function","name":"f"}]',
            'gen_ai.usage.input_tokens': 3,
            'traceloop.entity.input': 'secret too',
          },
        }),
      ],
      { privacyMode: true },
    );
    expect(e!.properties.$ai_input).toBeUndefined();
    expect(e!.properties.$ai_output_choices).toBeUndefined();
    expect(e!.properties['traceloop.entity.input']).toBeUndefined();
    expect(e!.properties.$ai_input_tokens).toBe(3);
    expect(e!.properties.$ai_tools).toEqual([{ type: 'function', name: 'f' }]);
    expect(JSON.stringify(e)).not.toContain('secret');
  });

  it('truncates long strings with a visible marker and lists the property', () => {
    const out = redactEvent(event({ $ai_input: [{ role: 'user', content: 'x'.repeat(200) }] }), {
      maxStringLength: 50,
    });
    const content = (out.properties.$ai_input as Array<{ content: string }>)[0]!.content;
    expect(content).toBe(`${'x'.repeat(50)}… [truncated 150 chars]`);
    expect(out.properties.$ai_truncated).toEqual(['$ai_input']);
  });

  it('shrinks the largest properties until the event fits the event limit', () => {
    const big = {
      $ai_input: [{ role: 'user', content: 'y'.repeat(300_000) }],
      $ai_output_choices: [{ role: 'assistant', content: 'z'.repeat(300_000) }],
      $ai_model: 'm',
    };
    const out = redactEvent(event(big), { maxEventBytes: 100_000, maxStringLength: 1_000_000 });
    expect(utf8Length(JSON.stringify(out.properties))).toBeLessThanOrEqual(100_000);
    expect(out.properties.$ai_model).toBe('m');
    expect(out.properties.$ai_truncated).toEqual(
      expect.arrayContaining(['$ai_input', '$ai_output_choices']),
    );
    expect(JSON.stringify(out.properties.$ai_input)).toContain('[truncated');
  });

  it('never mutates the event it is given and shares untouched values', () => {
    const messages = [{ role: 'user', content: 'x'.repeat(100) }];
    const tools = [{ name: 't' }];
    const input = event({ $ai_input: messages, $ai_tools: tools });
    const frozen = structuredClone(input);
    const out = redactEvent(input, { maxStringLength: 10 });
    expect(input).toEqual(frozen);
    expect(out.properties.$ai_tools).toBe(tools);
    expect(out.properties.$ai_input).not.toBe(messages);
  });

  it('counts UTF-8 bytes', () => {
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
  });

  it('redacts an event it owns in its own bag, replacing only what changes, like the copy', () => {
    const properties = {
      $ai_model: 'gpt-4o-mini',
      $ai_input: [{ role: 'user', content: `data:image/png;base64,${base64Png}` }],
      note: 'n'.repeat(100),
    };
    const own = event({ ...properties });
    const input = own.properties.$ai_input;
    const copied = redactEvent(event({ ...properties }), { maxStringLength: 50 });
    const redacted = redactEventInPlace(own, { maxStringLength: 50 });
    expect(redacted).toBe(own);
    expect(redacted.properties).toEqual(copied.properties);
    expect(redacted.properties.$ai_input).not.toBe(input);
    expect(JSON.stringify(redacted.properties.$ai_input)).toContain('[redacted image/png');
    // Privacy mode drops keys: that still goes to a new bag, leaving the event untouched.
    const privateOwn = event({ ...properties });
    const privateResult = redactEventInPlace(privateOwn, { privacyMode: true });
    expect(privateResult.properties.$ai_input).toBeUndefined();
    expect(privateOwn.properties.$ai_input).toBeDefined();
  });
});
