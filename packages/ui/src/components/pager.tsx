/** Previous / next page controls with the range shown. */
export interface PagerProps {
  /** Rows before this page, when known (offset pages). */
  offset?: number;
  count: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  pageSize?: number;
  pageSizes?: number[];
  onPageSize?: (size: number) => void;
  noun: string;
}

export function Pager(props: PagerProps) {
  const first = (props.offset ?? 0) + (props.count ? 1 : 0);
  const last = (props.offset ?? 0) + props.count;
  return (
    <nav class="pager" aria-label="Pagination">
      <span class="pager-range" data-testid="pager-range">
        {props.count ? `${first}–${last}` : '0'} {props.noun}
      </span>
      {props.onPageSize && props.pageSizes ? (
        <label class="pager-size">
          Rows
          <select
            value={String(props.pageSize)}
            onChange={(event) => props.onPageSize?.(Number(event.currentTarget.value))}
          >
            {props.pageSizes.map((size) => (
              <option key={size} value={String(size)}>
                {size}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <button
        type="button"
        class="btn"
        disabled={!props.hasPrevious}
        onClick={props.onPrevious}
        aria-label="Previous page"
      >
        ‹ Prev
      </button>
      <button
        type="button"
        class="btn"
        disabled={!props.hasNext}
        onClick={props.onNext}
        aria-label="Next page"
      >
        Next ›
      </button>
    </nav>
  );
}
