/** Sessions: usage per `$ai_session_id`; a row opens the session's traces. */
import { Link } from 'wouter-preact';
import type { SessionRow } from '../api/types';
import { TextFilter } from '../components/filters';
import { withRange } from '../hooks/use-query-state';
import { PeopleList } from './people-list';

export function SessionsView() {
  return (
    <PeopleList<SessionRow>
      title="Sessions"
      subtitle="Conversations and runs grouped by session id."
      endpoint="/api/sessions"
      noun="sessions"
      rowKey={(row) => row.session_id}
      searchPlaceholder="Session id"
      drillDown={(row, query) => withRange('/traces', query.params, { session_id: row.session_id })}
      extraFilters={(query) => (
        <TextFilter
          query={query}
          name="distinct_id"
          label="User"
          placeholder="distinct id"
          resets={['page']}
        />
      )}
      extraParams={(query) => ({ distinct_id: query.get('distinct_id') })}
      sortValue={(row, id) =>
        id === 'session' ? row.session_id : id === 'user' ? row.distinct_id : null
      }
      leading={(query) => [
        {
          id: 'session',
          header: 'Session',
          sortable: true,
          cell: (row) => (
            <Link
              href={withRange('/traces', query.params, { session_id: row.session_id })}
              class="mono strong truncate"
              title={row.session_id}
            >
              {row.session_id}
            </Link>
          ),
        },
        {
          id: 'user',
          header: 'User',
          sortable: true,
          width: '16%',
          cell: (row) => (
            <span class="truncate" title={row.distinct_id ?? ''}>
              {row.distinct_id ?? '–'}
            </span>
          ),
        },
      ]}
    />
  );
}
