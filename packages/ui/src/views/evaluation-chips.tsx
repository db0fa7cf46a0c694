/** The evaluation results of the generations on screen, as small pass / fail chips per row. */
import { apiGet } from '../api/client';
import type { GenerationEvaluationsResponse } from '../api/types';
import { usePolled } from '../hooks/use-polled';

type Result = GenerationEvaluationsResponse['results'][number];

/** Results by generation uuid, for the uuids of the current page. */
export function useGenerationEvaluations(uuids: string[]): Map<string, Result[]> {
  const key = uuids.length ? `generation-evaluations|${uuids.join(',')}` : undefined;
  const polled = usePolled(key, (signal) =>
    apiGet<GenerationEvaluationsResponse>(
      '/api/evaluations',
      { event_uuid: uuids.join(',') },
      signal,
    ),
  );
  const byUuid = new Map<string, Result[]>();
  for (const result of polled.data?.results ?? [])
    byUuid.set(result.event_uuid, [...(byUuid.get(result.event_uuid) ?? []), result]);
  return byUuid;
}

function chipClass(result: Result): string {
  if (result.label === 'pass') return 'badge badge-ok';
  if (result.label === 'fail') return 'badge badge-error';
  return 'badge badge-quiet';
}

/** One chip per evaluator: its label, or its number when it has no label. */
export function EvaluationChips(props: { results: Result[] | undefined }) {
  if (!props.results?.length) return <span class="muted">–</span>;
  return (
    <span class="stack-inline" data-testid="generation-evaluations">
      {props.results.map((result) => {
        const text = `${result.name}: ${result.label ?? (result.value === null ? '?' : String(result.value))}`;
        return (
          <span class={chipClass(result)} title={text} key={result.name}>
            {text}
          </span>
        );
      })}
    </span>
  );
}
