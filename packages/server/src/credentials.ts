/** Generated project tokens and read keys, and their file next to the database. */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 43 random alphanumerics (~256 bits), the length of PostHog's own tokens. */
function randomSecret(): string {
  let out = '';
  for (const byte of randomBytes(64)) {
    // Rejection sampling keeps every character equally likely.
    if (byte < 248) out += ALPHABET[byte % 62];
    if (out.length === 43) return out;
  }
  return out + randomSecret().slice(out.length);
}

/** A project token in PostHog's shape (`phc_…`): write-only. */
export function generateProjectToken(): string {
  return `phc_${randomSecret()}`;
}

/** A read key (`phx_…`, like PostHog's personal API keys): reads one project's data. */
export function generateReadKey(): string {
  return `phx_${randomSecret()}`;
}

export interface Credentials {
  projectToken: string;
  readKey: string;
}

/** `llm-analytics.credentials.json` beside the database file. */
export function credentialsPath(dbPath: string): string {
  return join(dirname(dbPath), 'llm-analytics.credentials.json');
}

/**
 * The persisted credentials, created on first start so restarts keep working tokens.
 * Explicit values win and are not written over the stored ones.
 */
export function loadOrCreateCredentials(
  dbPath: string,
  explicit: Partial<Credentials>,
): Credentials & { created: boolean } {
  if (explicit.projectToken && explicit.readKey)
    return { projectToken: explicit.projectToken, readKey: explicit.readKey, created: false };
  const path = credentialsPath(dbPath);
  let stored: Partial<Credentials> = {};
  if (existsSync(path)) {
    try {
      stored = JSON.parse(readFileSync(path, 'utf8')) as Partial<Credentials>;
    } catch (error) {
      throw new Error(`cannot read ${path}: ${(error as Error).message}`);
    }
  }
  const created = !stored.projectToken || !stored.readKey;
  const kept: Credentials = {
    projectToken: stored.projectToken ?? generateProjectToken(),
    readKey: stored.readKey ?? generateReadKey(),
  };
  if (created) writeFileSync(path, `${JSON.stringify(kept, null, 2)}\n`, { mode: 0o600 });
  return {
    projectToken: explicit.projectToken ?? kept.projectToken,
    readKey: explicit.readKey ?? kept.readKey,
    created,
  };
}
