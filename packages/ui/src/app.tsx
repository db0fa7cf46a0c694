/** Routes: every view has its own path; filters and selection live in the query string. */
import { Route, Switch } from 'wouter-preact';
import { KeyGate } from './components/key-gate';
import { Sidebar } from './components/layout';
import { DashboardView } from './views/dashboard';
import { ErrorsView } from './views/errors';
import { EvaluationsView } from './views/evaluations';
import { GenerationsView } from './views/generations';
import { SessionsView } from './views/sessions';
import { TraceDetailView } from './views/trace-detail';
import { TracesView } from './views/traces';
import { UsersView } from './views/users';

/** wouter leaves escaped reserved characters (`%2F`) in params; ids may contain them. */
function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A lone `%` in an id: it was already decoded.
    return value;
  }
}

function NotFound() {
  return (
    <div class="page">
      <div class="card empty">
        <h2>Nothing here</h2>
        <p class="muted">This page does not exist. Pick a view on the left.</p>
      </div>
    </div>
  );
}

export function App() {
  return (
    <KeyGate>
      <div class="shell">
        <Sidebar />
        <main class="main">
          <Switch>
            <Route path="/" component={DashboardView} />
            <Route path="/dashboard" component={DashboardView} />
            <Route path="/traces" component={TracesView} />
            <Route path="/traces/:id">
              {(params) => <TraceDetailView key={params.id} traceId={decodeParam(params.id)} />}
            </Route>
            <Route path="/generations" component={GenerationsView} />
            <Route path="/errors" component={ErrorsView} />
            <Route path="/evaluations" component={EvaluationsView} />
            <Route path="/sessions" component={SessionsView} />
            <Route path="/users" component={UsersView} />
            <Route component={NotFound} />
          </Switch>
        </main>
      </div>
    </KeyGate>
  );
}
