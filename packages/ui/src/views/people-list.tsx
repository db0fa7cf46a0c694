/** Sessions and Users share one list: usage per group, client-sorted page, offset paging. */
import type { ComponentChildren } from 'preact';
import { useLocation } from 'wouter-preact';
import { apiGet } from '../api/client';
import type { OffsetPage, Usage } from '../api/types';
import { DataTable, sortRows, type Column, type SortOrder } from '../components/data-table';
import { EmptyRange } from '../components/empty-range';
import { TextFilter } from '../components/filters';
import { ErrorBanner, PageHeader } from '../components/layout';
import { Pager } from '../components/pager';
import { SetupGuide } from '../components/setup-guide';
import { useHasEvents } from '../hooks/use-has-events';
import { usePolled } from '../hooks/use-polled';
import { useQueryState, type QueryState } from '../hooks/use-query-state';
import { timeRangeFrom } from '../lib/time-range';
import { usageColumns, usageSortValue } from './usage-columns';

const PAGE_SIZE = 100;

export interface PeopleListProps<Row extends Usage> {
  title: string;
  subtitle: string;
  endpoint: string;
  noun: string;
  rowKey: (row: Row) => string;
  /** The identity columns in front of the usage ones. */
  leading: (query: QueryState) => Array<Column<Row>>;
  /** Where a row click goes. */
  drillDown: (row: Row, query: QueryState) => string;
  searchPlaceholder: string;
  /** Extra filters (e.g. sessions by user). */
  extraFilters?: (query: QueryState) => ComponentChildren;
  extraParams?: (query: QueryState) => Record<string, string | undefined>;
  sortValue: (row: Row, id: string) => string | number | null;
}

export function PeopleList<Row extends Usage>(props: PeopleListProps<Row>) {
  const query = useQueryState();
  const [, navigate] = useLocation();
  const range = timeRangeFrom(query.params);
  const hasEvents = useHasEvents();
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  const params = { search: query.get('search'), ...props.extraParams?.(query) };
  const key = `${props.endpoint}|${range.id}|${query.get('from') ?? ''}|${query.get('to') ?? ''}|${JSON.stringify(params)}|${page}`;
  const result = usePolled(key, (signal) =>
    apiGet<OffsetPage<Row>>(
      props.endpoint,
      { ...range.resolve(), ...params, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
      signal,
    ),
  );
  const sortId = query.get('sort');
  const sort = sortId
    ? { id: sortId, order: (query.get('order') === 'asc' ? 'asc' : 'desc') as SortOrder }
    : undefined;
  const rows = sortRows(
    result.data?.results ?? [],
    sort,
    (row, id) => props.sortValue(row, id) ?? usageSortValue(row, id),
  );
  // Which list (identified / anonymous users) is a view, not a filter.
  const filtered = Object.entries(params).some(([name, value]) => name !== 'anonymous' && value);
  return (
    <div class="page">
      <PageHeader title={props.title} subtitle={props.subtitle} />
      {hasEvents === false ? (
        <SetupGuide />
      ) : (
        <>
          <div class="filter-bar">
            <TextFilter
              query={query}
              name="search"
              label="Search"
              placeholder={props.searchPlaceholder}
              resets={['page']}
              wide
            />
            {props.extraFilters?.(query)}
          </div>
          <ErrorBanner error={result.error} />
          <div class="card card-flush">
            <DataTable
              label={props.title}
              columns={[...props.leading(query), ...usageColumns<Row>()]}
              rows={rows}
              rowKey={props.rowKey}
              onRowClick={(row) => navigate(props.drillDown(row, query))}
              sort={sort}
              onSort={(id, order) => query.set({ sort: id, order }, { replace: true })}
              stale={result.stale}
              empty={
                result.loading ? (
                  'Loading…'
                ) : (
                  <EmptyRange query={query} noun={props.noun} filtered={filtered} />
                )
              }
            />
            <Pager
              offset={(page - 1) * PAGE_SIZE}
              count={rows.length}
              noun={props.noun}
              hasPrevious={page > 1}
              hasNext={result.data?.next_offset !== null && result.data?.next_offset !== undefined}
              onPrevious={() => query.set({ page: page - 1 > 1 ? page - 1 : undefined })}
              onNext={() => query.set({ page: page + 1 })}
            />
          </div>
        </>
      )}
    </div>
  );
}
