/** Asks for the read key once; the key is kept in localStorage and sent as a bearer token. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, fetchWithKey } from '../api/client';
import { getReadKey, onReadKeyChange, setReadKey } from '../api/read-key';
import type { ServerConfig } from '../api/types';

export function useReadKey(): string | undefined {
  const [key, setKey] = useState(getReadKey());
  useEffect(() => onReadKeyChange(() => setKey(getReadKey())), []);
  return key;
}

function KeyPrompt() {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [checking, setChecking] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const key = value.trim();
    if (!key) return;
    setChecking(true);
    setError(undefined);
    try {
      await fetchWithKey<ServerConfig>(key, '/api/config');
      setReadKey(key);
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.status === 401
          ? `That key was not accepted: ${failure.message}`
          : `Could not reach the server: ${(failure as Error).message}`,
      );
    } finally {
      setChecking(false);
    }
  };
  return (
    <main class="gate">
      <form class="gate-card card" onSubmit={(e) => void submit(e)} data-testid="key-prompt">
        <div class="brand brand-large">
          <span class="brand-mark" aria-hidden="true" />
          llm-analytics
        </div>
        <h1>Enter the read key</h1>
        <p class="muted">
          <code>llm-analytics serve</code> prints it at startup (<code>read key phx_…</code>) and
          keeps it in <code>llm-analytics.credentials.json</code> next to the database. It stays in
          this browser until you sign out.
        </p>
        <label class="field">
          <span>Read key</span>
          <input
            type="password"
            name="read-key"
            autocomplete="current-password"
            placeholder="phx_…"
            value={value}
            onInput={(event) => setValue(event.currentTarget.value)}
            autofocus
          />
        </label>
        {error ? (
          <p class="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" class="btn btn-primary" disabled={checking || !value.trim()}>
          {checking ? 'Checking…' : 'Open'}
        </button>
      </form>
    </main>
  );
}

export function KeyGate(props: { children: ComponentChildren }) {
  const key = useReadKey();
  return key ? <>{props.children}</> : <KeyPrompt />;
}
