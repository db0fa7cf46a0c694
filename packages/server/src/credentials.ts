/** Generated project tokens and read keys, and their file next to their database. */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

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

/**
 * `<database file>.credentials.json` beside the database: each database has its own tokens,
 * so two databases in one folder do not share (and leak across) one project token.
 */
export function credentialsPath(dbPath: string): string {
  return join(dirname(dbPath), `${basename(dbPath)}.credentials.json`);
}

/** Where every database of a folder kept its credentials before they were per database. */
function sharedCredentialsPath(dbPath: string): string {
  return join(dirname(dbPath), 'llm-analytics.credentials.json');
}

function readCredentials(path: string): Partial<Credentials> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Partial<Credentials>;
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as Error).message}`);
  }
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
  if (existsSync(path)) stored = readCredentials(path);
  // An existing database started before credentials were per database keeps the tokens its
  // clients already use; a new database gets its own.
  else if (existsSync(dbPath) && existsSync(sharedCredentialsPath(dbPath)))
    stored = readCredentials(sharedCredentialsPath(dbPath));
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
