/** Reads a judge's structured answer and checks it against the evaluator's result shape. */
import type { EvaluationOutcome, ResultShape } from './evaluator-types';

/** The judge answered something that is not the asked-for shape. */
export class InvalidJudgeOutputError extends Error {
  override readonly name = 'InvalidJudgeOutputError';
}

const invalid = (problem: string, content: string) =>
  new InvalidJudgeOutputError(`${problem}; the judge answered: ${content.slice(0, 200)}`);

/** The outcome of a judge answer; throws InvalidJudgeOutputError when it does not fit. */
export function readJudgeAnswer(content: string, shape: ResultShape): EvaluationOutcome {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    throw invalid('not JSON', content);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw invalid('not a JSON object', content);
  const answer = parsed as Record<string, unknown>;
  const reasoning = typeof answer['reasoning'] === 'string' ? answer['reasoning'] : undefined;
  if (reasoning === undefined) throw invalid('"reasoning" is missing or not a string', content);
  if (answer['applicable'] !== undefined && typeof answer['applicable'] !== 'boolean')
    throw invalid('"applicable" is not a boolean', content);
  if (answer['applicable'] === false) return { applicable: false, reasoning };
  switch (shape.type) {
    case 'boolean': {
      if (typeof answer['verdict'] !== 'boolean')
        throw invalid('"verdict" is not a boolean', content);
      return { applicable: true, passed: answer['verdict'], reasoning };
    }
    case 'number': {
      const score = answer['score'];
      if (typeof score !== 'number' || !Number.isFinite(score))
        throw invalid('"score" is not a number', content);
      if (score < shape.min || score > shape.max)
        throw invalid(`"score" ${score} is outside ${shape.min}..${shape.max}`, content);
      return {
        applicable: true,
        numeric: score,
        ...(shape.passThreshold !== undefined ? { passed: score >= shape.passThreshold } : {}),
        reasoning,
      };
    }
    case 'category': {
      const category = answer['category'];
      if (typeof category !== 'string' || !shape.categories.includes(category))
        throw invalid(`"category" is not one of ${shape.categories.join(', ')}`, content);
      return {
        applicable: true,
        category,
        ...(shape.passing ? { passed: shape.passing.includes(category) } : {}),
        reasoning,
      };
    }
  }
}
