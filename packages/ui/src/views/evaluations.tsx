/**
 * Evaluations: the project's evaluators (LLM judges and code checks), their queue (backlog,
 * done, skipped, failed), pass rate and average score by hour, the judge's spend against the
 * budget, a form to define one, and "run on the last N generations" to try one out.
 */
import { useState } from 'preact/hooks';
import { apiGet, apiSend } from '../api/client';
import type { EvaluatorListResponse } from '../api/types';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBanner, PageHeader } from '../components/layout';
import { StatCard } from '../components/stat-card';
import { usePolled } from '../hooks/use-polled';
import { formatCount, formatPercent, formatShortTime, formatUsd } from '../lib/format';

type Row = EvaluatorListResponse['results'][number];
type Bucket = EvaluatorListResponse['series'][number];

const TEMPLATES = {
  code: { kind: 'code', check: { check: 'json_valid' } },
  llm_judge: {
    kind: 'llm_judge',
    model: 'gpt-4o-mini',
    prompt: 'Does the answer address the question?\nQuestion: {{input}}\nAnswer: {{output}}',
    result: { type: 'boolean' },
  },
} as const;

/** Pass rate of graded results (n/a left out); unknown when nothing was graded. */
function passRate(buckets: Bucket[]): number | null {
  const passed = buckets.reduce((sum, bucket) => sum + bucket.passed, 0);
  const failed = buckets.reduce((sum, bucket) => sum + bucket.failed, 0);
  return passed + failed === 0 ? null : passed / (passed + failed);
}

function kindLabel(row: Row): string {
  const kind = row.evaluator;
  return kind.kind === 'llm_judge'
    ? `LLM judge (${kind.model}, ${kind.result.type})`
    : `code: ${kind.check.check}`;
}

function CreateForm(props: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<keyof typeof TEMPLATES>('code');
  const [definition, setDefinition] = useState(JSON.stringify(TEMPLATES.code, null, 2));
  const [filters, setFilters] = useState('{}');
  const [sampling, setSampling] = useState('1');
  const [error, setError] = useState<Error | undefined>();
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    try {
      let evaluator: unknown;
      let parsedFilters: unknown;
      try {
        evaluator = JSON.parse(definition);
        parsedFilters = JSON.parse(filters || '{}');
      } catch (parseError) {
        throw new Error(
          `the definition and filters must be JSON: ${(parseError as Error).message}`,
        );
      }
      await apiSend('POST', '/api/evaluators', {
        name,
        samplingRate: Number(sampling),
        filters: parsedFilters,
        evaluator,
      });
      setName('');
      props.onCreated();
    } catch (submitError) {
      setError(submitError as Error);
    }
  };
  return (
    <form
      class="card evaluator-form"
      onSubmit={(event) => void submit(event)}
      data-testid="evaluator-form"
    >
      <h2>New evaluator</h2>
      <label>
        Name{' '}
        <input
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
          name="name"
          required
        />
      </label>
      <label>
        Kind{' '}
        <select
          name="kind"
          value={kind}
          onChange={(event) => {
            const next = event.currentTarget.value as keyof typeof TEMPLATES;
            setKind(next);
            setDefinition(JSON.stringify(TEMPLATES[next], null, 2));
          }}
        >
          <option value="code">Code check</option>
          <option value="llm_judge">LLM judge</option>
        </select>
      </label>
      <label>
        Sampling rate (0–1){' '}
        <input
          value={sampling}
          onInput={(event) => setSampling(event.currentTarget.value)}
          name="sampling"
        />
      </label>
      <label>
        Definition (JSON)
        <textarea
          rows={7}
          value={definition}
          onInput={(event) => setDefinition(event.currentTarget.value)}
          name="definition"
        />
      </label>
      <label>
        Filters (JSON: models, providers, apps, spanNames, property)
        <textarea
          rows={2}
          value={filters}
          onInput={(event) => setFilters(event.currentTarget.value)}
          name="filters"
        />
      </label>
      <p class="muted small">
        Judges call the OpenAI-compatible API the server was started with
        (LLM_ANALYTICS_JUDGE_BASE_URL); its key never leaves the server.
      </p>
      <ErrorBanner error={error} />
      <button type="submit">Create</button>
    </form>
  );
}

export function EvaluationsView() {
  const result = usePolled('evaluators', (signal) =>
    apiGet<EvaluatorListResponse>('/api/evaluators', {}, signal),
  );
  const [runCount, setRunCount] = useState('10');
  const [actionError, setActionError] = useState<Error | undefined>();
  const [notice, setNotice] = useState('');
  const data = result.data;
  const rows = data?.results ?? [];
  const series = data?.series ?? [];
  const backlog = rows.reduce((sum, row) => sum + row.queue.pending + row.queue.running, 0);

  const act = async (work: () => Promise<string>) => {
    setActionError(undefined);
    try {
      setNotice(await work());
      result.refresh();
    } catch (error) {
      setActionError(error as Error);
    }
  };

  const columns: Array<Column<Row>> = [
    { id: 'name', header: 'Name', cell: (row) => <span class="strong">{row.name}</span> },
    { id: 'kind', header: 'Kind', cell: kindLabel },
    { id: 'enabled', header: 'On', width: '50px', cell: (row) => (row.enabled ? 'yes' : 'no') },
    {
      id: 'sampling',
      header: 'Sample',
      align: 'right',
      width: '70px',
      cell: (row) => formatPercent(row.samplingRate),
    },
    {
      id: 'backlog',
      header: 'Backlog',
      align: 'right',
      width: '80px',
      cell: (row) => (
        <span data-testid="evaluator-backlog">
          {formatCount(row.queue.pending + row.queue.running)}
        </span>
      ),
    },
    {
      id: 'done',
      header: 'Done',
      align: 'right',
      width: '60px',
      cell: (row) => formatCount(row.queue.done),
    },
    {
      id: 'skipped',
      header: 'Skipped',
      align: 'right',
      width: '70px',
      cell: (row) => formatCount(row.queue.skipped),
    },
    {
      id: 'failed',
      header: 'Failed',
      align: 'right',
      width: '60px',
      cell: (row) => formatCount(row.queue.failed),
    },
    {
      id: 'pass',
      header: 'Pass rate (24 h)',
      align: 'right',
      width: '110px',
      cell: (row) => (
        <span data-testid="evaluator-pass-rate">
          {formatPercent(passRate(series.filter((bucket) => bucket.evaluatorId === row.id)))}
        </span>
      ),
    },
    {
      id: 'actions',
      header: '',
      width: '190px',
      cell: (row) => (
        <span class="stack-inline">
          <button
            type="button"
            data-testid="run-latest"
            onClick={() =>
              void act(async () => {
                const answer = await apiSend<{ queued: number }>(
                  'POST',
                  `/api/evaluators/${encodeURIComponent(row.id)}/run`,
                  {
                    limit: Number(runCount),
                  },
                );
                return `${row.name}: ${answer.queued} generations queued`;
              })
            }
          >
            Run on last {runCount}
          </button>{' '}
          <button
            type="button"
            class="secondary"
            onClick={() =>
              void act(async () => {
                await apiSend('DELETE', `/api/evaluators/${encodeURIComponent(row.id)}`);
                return `${row.name} deleted`;
              })
            }
          >
            Delete
          </button>
        </span>
      ),
    },
  ];

  const names = new Map(rows.map((row) => [row.id, row.name]));
  return (
    <div class="page">
      <PageHeader
        title="Evaluations"
        subtitle="LLM judges and code checks on new generations; results are scores on the trace"
        range={false}
      />
      <ErrorBanner error={result.error ?? actionError} />
      <div class="stats">
        <StatCard
          label="Evaluators"
          value={formatCount(rows.length)}
          detail={data ? `worker ${data.worker}` : ''}
        />
        <StatCard label="Backlog" value={formatCount(backlog)} testId="evaluations-backlog" />
        <StatCard label="Judge calls (1 h)" value={formatCount(data?.judge_last_hour.calls)} />
        <StatCard
          label="Judge spend (1 h)"
          value={formatUsd(data?.judge_last_hour.cost_usd)}
          testId="evaluations-spend"
        />
      </div>
      <div class="filter-bar">
        <label>
          Trial runs take the last{' '}
          <input
            value={runCount}
            onInput={(event) => setRunCount(event.currentTarget.value)}
            size={4}
            name="run-count"
          />{' '}
          generations
        </label>
        {notice ? (
          <span class="muted" data-testid="evaluations-notice">
            {notice}
          </span>
        ) : null}
      </div>
      <div class="card card-flush">
        <DataTable
          label="Evaluators"
          columns={columns}
          rows={rows}
          rowKey={(row) => row.id}
          stale={result.stale}
          empty={result.loading ? 'Loading…' : 'No evaluator yet: define one below.'}
        />
      </div>
      <div class="card card-flush">
        <DataTable
          label="Results by hour"
          columns={[
            {
              id: 'hour',
              header: 'Hour',
              cell: (bucket: Bucket) => formatShortTime(bucket.bucket),
            },
            {
              id: 'evaluator',
              header: 'Evaluator',
              cell: (bucket: Bucket) => names.get(bucket.evaluatorId) ?? bucket.evaluatorId,
            },
            {
              id: 'count',
              header: 'Results',
              align: 'right',
              cell: (bucket: Bucket) => formatCount(bucket.count),
            },
            {
              id: 'pass',
              header: 'Pass rate',
              align: 'right',
              cell: (bucket: Bucket) => formatPercent(passRate([bucket])),
            },
            {
              id: 'na',
              header: 'N/A',
              align: 'right',
              cell: (bucket: Bucket) => formatCount(bucket.notApplicable),
            },
            {
              id: 'average',
              header: 'Average score',
              align: 'right',
              cell: (bucket: Bucket) => (bucket.average === null ? '–' : bucket.average.toFixed(2)),
            },
          ]}
          rows={[...series].reverse()}
          rowKey={(bucket) => `${bucket.evaluatorId}|${bucket.bucket}`}
          empty="No results in the last 24 hours."
        />
      </div>
      <CreateForm onCreated={() => void act(async () => 'evaluator created')} />
    </div>
  );
}
