/** Users: usage per `distinct_id`; a row opens the user's traces. */
import { Link } from 'wouter-preact';
import type { UserRow } from '../api/types';
import { withRange } from '../hooks/use-query-state';
import { formatCount } from '../lib/format';
import { AnonymousToggle } from './anonymous-toggle';
import { PeopleList } from './people-list';

/**
 * Identified people first; anonymous ids (`$process_person_profile: false`, usually one per
 * trace) are listed apart and folded away by default, so they do not bury the people.
 */
export function UsersView() {
  return (
    <PeopleList<UserRow>
      title="Users"
      subtitle="Usage per person (distinct id). Anonymous ids are listed apart."
      endpoint="/api/users"
      noun="users"
      extraParams={(query) => ({
        anonymous: query.get('anonymous') === 'true' ? 'true' : 'false',
      })}
      extraFilters={(query) => <AnonymousToggle query={query} />}
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
