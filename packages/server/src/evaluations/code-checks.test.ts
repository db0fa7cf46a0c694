import { describe, expect, it } from 'vitest';
import { runCodeCheck } from './code-checks';
import type { StoredGeneration } from './stored-generation';

const generation = (output: unknown, extra: Partial<StoredGeneration> = {}): StoredGeneration => ({
  project: 'p',
  uuid: 'u',
  timestamp: '2026-01-01T00:00:00.000Z',
  distinctId: 'd',
  traceId: 't',
  spanId: 's',
  sessionId: null,
  model: 'gpt-4o-mini',
  provider: 'openai',
  serviceName: null,
  spanName: null,
  latency: 2,
  totalCostUsd: 0.01,
  properties: { $ai_output_choices: output },
  ...extra,
});

const answer = (text: string) => generation([{ role: 'assistant', content: text }]);

describe('code checks', () => {
  it('regex and contains look at the answer text, with no_match inverting', () => {
    expect(
      runCodeCheck({ check: 'regex', pattern: '^Paris' }, answer('Paris is nice')).passed,
    ).toBe(true);
    expect(
      runCodeCheck(
        { check: 'regex', pattern: 'sorry', flags: 'i', expect: 'no_match' },
        answer('Sorry, no'),
      ).passed,
    ).toBe(false);
    expect(runCodeCheck({ check: 'contains', text: 'PARIS' }, answer('paris')).passed).toBe(true);
    expect(
      runCodeCheck({ check: 'contains', text: 'PARIS', caseSensitive: true }, answer('paris'))
        .passed,
    ).toBe(false);
  });

  it('JSON validity and JSON Schema match of the output (a ```json fence allowed)', () => {
    expect(runCodeCheck({ check: 'json_valid' }, answer('```json\n{"a": 1}\n```')).passed).toBe(
      true,
    );
    const invalid = runCodeCheck({ check: 'json_valid' }, answer('{"a": '));
    expect(invalid.passed).toBe(false);
    expect(invalid.reasoning).toMatch(/^output is not JSON/);
    const schema = { type: 'object', required: ['city'], properties: { city: { type: 'string' } } };
    expect(runCodeCheck({ check: 'json_schema', schema }, answer('{"city": "Paris"}')).passed).toBe(
      true,
    );
    const mismatch = runCodeCheck({ check: 'json_schema', schema }, answer('{"town": "Paris"}'));
    expect(mismatch.passed).toBe(false);
    expect(mismatch.reasoning).toContain('city');
  });

  it('length, latency and cost thresholds; unknown latency or cost is n/a, not a pass', () => {
    expect(runCodeCheck({ check: 'length', max: 3 }, answer('four')).passed).toBe(false);
    expect(runCodeCheck({ check: 'length', min: 1, max: 4 }, answer('four')).passed).toBe(true);
    expect(runCodeCheck({ check: 'latency', maxSeconds: 1 }, answer('x')).passed).toBe(false);
    expect(runCodeCheck({ check: 'cost', maxUsd: 0.1 }, answer('x')).passed).toBe(true);
    expect(
      runCodeCheck({ check: 'cost', maxUsd: 0.1 }, generation([], { totalCostUsd: null })),
    ).toEqual({
      applicable: false,
      reasoning: 'cost unknown (unpriced call)',
    });
    expect(
      runCodeCheck({ check: 'latency', maxSeconds: 1 }, generation([], { latency: null }))
        .applicable,
    ).toBe(false);
  });

  it('reads a tool call as its JSON when the answer has no text', () => {
    const toolCall = generation([
      { role: 'assistant', content: null, tool_calls: [{ function: { name: 'get_weather' } }] },
    ]);
    expect(runCodeCheck({ check: 'contains', text: 'get_weather' }, toolCall).passed).toBe(true);
  });
});
