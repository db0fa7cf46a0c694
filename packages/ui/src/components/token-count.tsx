/**
 * Input → output tokens. Input includes cached tokens for every provider (the API's
 * definition); cache read / write are broken out on hover, and estimated usage is marked "~".
 */
import type { TokenFields } from '../api/types';
import { formatCount } from '../lib/format';

export const ESTIMATED_TITLE =
  'Estimated by the instrumentation (e.g. a streamed call without a usage chunk), not reported by the provider';

export function TokenCount(props: { tokens: TokenFields }) {
  const { tokens } = props;
  const estimated = tokens.estimated_usage_count > 0;
  const parts = [`${tokens.input_tokens} input (cache included)`];
  if (tokens.cache_read_tokens) parts.push(`${tokens.cache_read_tokens} cache read`);
  if (tokens.cache_write_tokens) parts.push(`${tokens.cache_write_tokens} cache write`);
  parts.push(`${tokens.output_tokens} output`);
  if (estimated) parts.push(`${tokens.estimated_usage_count} call(s) estimated`);
  return (
    <span title={parts.join(', ')} class={estimated ? 'tokens-estimated' : undefined}>
      {estimated ? '~' : ''}
      {formatCount(tokens.input_tokens)} → {formatCount(tokens.output_tokens)}
    </span>
  );
}
