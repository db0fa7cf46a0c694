import { diag, DiagLogLevel } from '@opentelemetry/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GEN_AI_OPERATION_NAME, GEN_AI_REQUEST_MODEL } from '../semconv/gen-ai';
import { GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, GEN_AI_USAGE_INPUT_TOKENS } from '../semconv/gen-ai';
import type { Normalizer, PartialCall, SpanRecord } from '../types';
import { makeSpan } from '../../test/make-span';
import { createMapper, mapSpans } from './create-mapper';
import { defineIntegration } from './define-integration';

function recorder(name: string, order: string[], partial: PartialCall = {}): Normalizer {
  return {
    name,
    matches: () => true,
    normalize: () => {
      order.push(name);
      return partial;
    },
  };
}

const chatSpan = (): SpanRecord =>
  makeSpan({
    attributes: {
      [GEN_AI_OPERATION_NAME]: 'chat',
      [GEN_AI_REQUEST_MODEL]: 'gpt-4o-mini',
      [GEN_AI_USAGE_INPUT_TOKENS]: 30,
      [GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 10,
    },
  });

afterEach(() => {
  diag.disable();
  vi.restoreAllMocks();
});

describe('createMapper', () => {
  it("runs the user's normalizers, then the integrations', then the core's", () => {
    const order: string[] = [];
    const first = defineIntegration({ name: 'first', normalizers: [recorder('first', order)] });
    const second = defineIntegration({ name: 'second', normalizers: [recorder('second', order)] });
    const mapper = createMapper({
      integrations: [first, second],
      normalizers: [recorder('user', order)],
    });
    mapper.map([chatSpan()]);
    expect(order).toEqual(['user', 'first', 'second']);
    expect(mapper.integrations).toEqual(['first', 'second']);
  });

  it("lets a framework's partial usage add to the core's counts instead of hiding them", () => {
    const framework = defineIntegration({
      name: 'partial',
      normalizers: [recorder('partial', [], { kind: 'generation', usage: { estimated: true } })],
    });
    const [event] = createMapper({ integrations: [framework] }).map([chatSpan()]).events;
    expect(event!.properties).toMatchObject({
      $ai_framework: 'partial',
      $ai_input_tokens: 30,
      $ai_cache_read_input_tokens: 10,
    });
  });

  it('maps the same way as the one-off mapSpans', () => {
    const span = chatSpan();
    expect(createMapper().map([span])).toEqual(mapSpans([span]));
  });

  it('skips integrations not made by defineIntegration, says so, and still maps', () => {
    const errors: string[] = [];
    diag.setLogger(
      { error: (...args: unknown[]) => errors.push(args.join(' ')) } as never,
      DiagLogLevel.ERROR,
    );
    const fake = { name: 'fake', normalizers: [recorder('fake', [], { kind: 'tool' })] };
    const mapper = createMapper({ integrations: [fake as never], normalizers: 'x' as never });
    const { events } = mapper.map([chatSpan()]);
    expect(mapper.integrations).toEqual([]);
    expect(events[0]!.event).toBe('$ai_generation');
    expect(errors.join('\n')).toContain('integrations[0] was not made by defineIntegration()');
    expect(errors.join('\n')).toContain('user normalizers ignored: normalizers must be an array');
  });

  it('reports a normalizer that throws and maps the span with the others', () => {
    const broken: Normalizer = {
      name: 'broken',
      matches: () => true,
      normalize: () => {
        throw new Error('boom');
      },
    };
    const integration = defineIntegration({ name: 'broken', normalizers: [broken] });
    const { events } = createMapper({ integrations: [integration] }).map([chatSpan()]);
    expect(events[0]!.properties.$ai_input_tokens).toBe(30);
  });
});
