/** The scores of a trace (or of one span): feedback, metrics and evaluations, oldest first. */
import type { ScoreRow } from '../api/types';
import { formatFullTime, formatTime } from '../lib/format';

function scoreValue(score: ScoreRow): string {
  if (score.label !== null && score.value !== null) return `${score.label} (${score.value})`;
  if (score.label !== null) return score.label;
  if (score.value !== null) return String(score.value);
  return '';
}

export function ScoreList(props: { scores: readonly ScoreRow[]; title: string; testId: string }) {
  if (!props.scores.length) return null;
  return (
    <section class="score-list" data-testid={props.testId}>
      <h3 class="section-title">
        {props.title} <span class="muted small">· {props.scores.length}</span>
      </h3>
      <ul>
        {props.scores.map((score) => (
          <li key={score.uuid} class="score-item" data-score-event={score.event}>
            <span class="score-chip">
              <span class="score-chip-name">{score.name}</span> {scoreValue(score)}
            </span>
            {score.text ? <span class="score-text">{score.text}</span> : null}
            <span class="muted small" title={formatFullTime(score.timestamp)}>
              {formatTime(score.timestamp)} · {score.distinct_id}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Scores about one span: they name its span id or its event uuid. */
export function scoresOf(
  scores: readonly ScoreRow[],
  spanId: string | undefined,
  uuid: string | undefined,
): ScoreRow[] {
  return scores.filter(
    (score) =>
      (spanId !== undefined && score.target_span_id === spanId) ||
      (uuid !== undefined && score.target_event_id === uuid),
  );
}
