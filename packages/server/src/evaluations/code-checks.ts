/** Checks that need no model: patterns, JSON, length, latency and cost thresholds. */
import { Validator, type Schema } from '@cfworker/json-schema';
import type { CodeCheck, EvaluationOutcome } from './evaluator-types';
import { outputText, type StoredGeneration } from './stored-generation';

const verdict = (passed: boolean, reasoning: string): EvaluationOutcome => ({
  applicable: true,
  passed,
  reasoning,
});

const notApplicable = (reasoning: string): EvaluationOutcome => ({ applicable: false, reasoning });

/** Parse the output as JSON, allowing a ```json fence around it (models like to add one). */
function parseOutputJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; error: string } {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/.exec(text);
  try {
    return { ok: true, value: JSON.parse(fenced ? fenced[1]! : text) as unknown };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** Run one code check on a generation. */
export function runCodeCheck(check: CodeCheck, generation: StoredGeneration): EvaluationOutcome {
  switch (check.check) {
    case 'regex': {
      const matched = new RegExp(check.pattern, check.flags).test(outputText(generation));
      const wanted = (check.expect ?? 'match') === 'match';
      return verdict(
        matched === wanted,
        `output ${matched ? 'matches' : 'does not match'} /${check.pattern}/${check.flags ?? ''}`,
      );
    }
    case 'contains': {
      const output = outputText(generation);
      const found = check.caseSensitive
        ? output.includes(check.text)
        : output.toLowerCase().includes(check.text.toLowerCase());
      const wanted = (check.expect ?? 'match') === 'match';
      return verdict(
        found === wanted,
        `output ${found ? 'contains' : 'does not contain'} "${check.text}"`,
      );
    }
    case 'json_valid': {
      const parsed = parseOutputJson(outputText(generation));
      return verdict(
        parsed.ok,
        parsed.ok ? 'output is valid JSON' : `output is not JSON: ${parsed.error}`,
      );
    }
    case 'json_schema': {
      const parsed = parseOutputJson(outputText(generation));
      if (!parsed.ok) return verdict(false, `output is not JSON: ${parsed.error}`);
      const result = new Validator(check.schema as Schema, '2020-12', false).validate(parsed.value);
      if (result.valid) return verdict(true, 'output matches the JSON schema');
      const first = result.errors.at(-1) ?? result.errors[0];
      return verdict(
        false,
        `output does not match the JSON schema: ${first ? `${first.instanceLocation}: ${first.error}` : 'invalid'}`,
      );
    }
    case 'length': {
      const length = outputText(generation).length;
      const tooShort = check.min !== undefined && length < check.min;
      const tooLong = check.max !== undefined && length > check.max;
      return verdict(
        !tooShort && !tooLong,
        `output is ${length} characters (${check.min ?? 0}..${check.max ?? '∞'} allowed)`,
      );
    }
    case 'latency':
      // Unknown is not fast: a generation without a latency is not judged on it.
      if (generation.latency === null) return notApplicable('latency unknown');
      return verdict(
        generation.latency <= check.maxSeconds,
        `latency ${generation.latency}s (at most ${check.maxSeconds}s allowed)`,
      );
    case 'cost':
      if (generation.totalCostUsd === null) return notApplicable('cost unknown (unpriced call)');
      return verdict(
        generation.totalCostUsd <= check.maxUsd,
        `cost $${generation.totalCostUsd} (at most $${check.maxUsd} allowed)`,
      );
  }
}
