/**
 * A cost as the API defines it: unknown ("–") when no call is priced, a partial total marked
 * with the number of unpriced calls when some are, never $0 for something unknown. The reason
 * (`$ai_cost_error`) is on hover.
 */
import type { CostFields } from '../api/types';
import { formatUsd } from '../lib/format';

function unpricedTitle(count: number, reasons: readonly string[]): string {
  const calls = count === 1 ? '1 call has' : `${count} calls have`;
  return `${calls} no price${reasons.length ? `: ${reasons.join('; ')}` : ''}`;
}

export function CostValue(props: { cost: CostFields }) {
  const { cost } = props;
  if (!cost.unpriced_count) return <span>{formatUsd(cost.total_cost_usd)}</span>;
  const title = unpricedTitle(cost.unpriced_count, cost.cost_errors);
  if (!cost.priced_cost_usd)
    return (
      <span class="cost-unknown muted" title={title} data-unpriced={cost.unpriced_count}>
        –
      </span>
    );
  return (
    <span
      class="cost-partial"
      title={`${formatUsd(cost.priced_cost_usd)} for the priced calls; ${title}`}
      data-unpriced={cost.unpriced_count}
    >
      ≥{formatUsd(cost.priced_cost_usd)}
      <sup class="unpriced-mark">+{cost.unpriced_count}?</sup>
    </span>
  );
}

/** One call's cost: "–" with the reason on hover when it has none. */
export function CallCost(props: { cost: number | null; reason: string | null }) {
  if (props.cost !== null) return <span>{formatUsd(props.cost)}</span>;
  return (
    <span
      class="cost-unknown muted"
      title={props.reason ? `No price: ${props.reason}` : 'No price'}
    >
      –
    </span>
  );
}

/** The number a cost column sorts by: the known part. */
export function costSortValue(cost: CostFields): number {
  return cost.total_cost_usd ?? cost.priced_cost_usd;
}
