/** Users: usage per `distinct_id`; a row opens the user's traces. */
import { Link } from 'wouter-preact';
import type { UserRow } from '../api/types';
import { withRange } from '../hooks/use-query-state';
import { formatCount } from '../lib/format';
import { PeopleList } from './people-list';

export function UsersView() {
  return (
    <PeopleList<UserRow>
      title="Users"
      subtitle="Usage per person (distinct id)."
      endpoint="/api/users"
      noun="users"
      rowKey={(row) => row.distinct_id}
      searchPlaceholder="Distinct id"
      drillDown={(row, query) =>
        withRange('/traces', query.params, { distinct_id: row.distinct_id })
      }
      sortValue={(row, id) =>
        id === 'user' ? row.distinct_id : id === 'sessions' ? row.session_count : null
      }
      leading={(query) => [
        {
          id: 'user',
          header: 'User',
          sortable: true,
          cell: (row) => (
            <Link
              href={withRange('/traces', query.params, { distinct_id: row.distinct_id })}
              class="strong truncate"
              title={row.distinct_id}
            >
              {row.distinct_id}
            </Link>
          ),
        },
        {
          id: 'sessions',
          header: 'Sessions',
          sortable: true,
          align: 'right',
          width: '90px',
          cell: (row) =>
            row.session_count ? (
              <Link href={withRange('/sessions', query.params, { distinct_id: row.distinct_id })}>
                {formatCount(row.session_count)}
              </Link>
            ) : (
              '0'
            ),
        },
      ]}
    />
  );
}
