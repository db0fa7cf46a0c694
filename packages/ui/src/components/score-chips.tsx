/** Scores of a trace in a table cell: one chip per name, the average (or count) inside. */
import type { ScoreSummary } from '../api/types';
import { formatCount } from '../lib/format';

function chipValue(score: ScoreSummary): string {
  if (score.average === null) return `×${formatCount(score.count)}`;
  const average = Number.isInteger(score.average)
    ? String(score.average)
    : score.average.toFixed(2);
  return score.count > 1 ? `${average} avg` : average;
}

export function ScoreChips(props: { scores: readonly ScoreSummary[] }) {
  if (!props.scores.length) return <span class="muted">–</span>;
  return (
    <span class="score-chips">
      {props.scores.map((score) => (
        <span
          key={score.name}
          class="score-chip"
          title={`${score.name}: ${score.count} score(s)${score.average === null ? '' : `, average ${score.average}`}`}
        >
          <span class="score-chip-name">{score.name}</span> {chipValue(score)}
        </span>
      ))}
    </span>
  );
}
