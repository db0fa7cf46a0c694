/**
 * A throwaway npm registry: Verdaccio on 127.0.0.1, storage in a temp dir, our scope served
 * only from that storage (never proxied, so the real registry can neither satisfy nor shadow
 * `@llm-analytics/*`), everything else proxied to the upstream registry.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startService, stopService } from './processes';

export const SCOPE = '@llm-analytics';

export interface LocalRegistry {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  /** A token of the one user allowed to publish. */
  token: string;
  /** Verdaccio's own log, for failure reports. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Throws unless `url` is an http URL on 127.0.0.1: the one place we ever publish to. */
export function assertLoopback(url: string, what: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${what} is not a URL: ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'http:' || parsed.hostname !== '127.0.0.1') {
    throw new Error(`${what} is ${url}, not the loopback registry: refusing to publish`);
  }
}

/** YAML is a superset of JSON for scalars: quoting through JSON keeps paths safe. */
const yaml = (value: string) => JSON.stringify(value);

function writeConfig(dir: string, upstream: string): string {
  const storage = join(dir, 'storage');
  mkdirSync(storage, { recursive: true });
  const config = `
storage: ${yaml(storage)}
auth:
  htpasswd:
    file: ${yaml(join(dir, 'htpasswd'))}
    max_users: 1
uplinks:
  upstream:
    url: ${yaml(upstream)}
    timeout: 60s
packages:
  '${SCOPE}/*':
    access: $all
    publish: $authenticated
    unpublish: $authenticated
  '**':
    access: $all
    proxy: upstream
max_body_size: 100mb
web:
  enable: false
log:
  type: stdout
  format: pretty
  level: warn
`;
  const path = join(dir, 'config.yaml');
  writeFileSync(path, config);
  return path;
}

/** Registers the publishing user (npm's `adduser` call) and returns its token. */
async function addUser(url: string): Promise<string> {
  const name = 'release-test';
  const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name,
      password: randomBytes(16).toString('hex'),
      type: 'user',
      roles: [],
      date: new Date().toISOString(),
    }),
  });
  const body = (await response.json().catch(() => ({}))) as { token?: string };
  if (!response.ok || !body.token) {
    throw new Error(`Verdaccio refused the user: HTTP ${response.status} ${JSON.stringify(body)}`);
  }
  return body.token;
}

/** Starts Verdaccio with its config and storage under `dir`, proxying to `upstream`. */
export async function startLocalRegistry(options: {
  dir: string;
  upstream: string;
  env: NodeJS.ProcessEnv;
}): Promise<LocalRegistry> {
  const configPath = writeConfig(options.dir, options.upstream);
  const script = join(dirname(fileURLToPath(import.meta.url)), 'verdaccio-process.mjs');
  let child: ChildProcess | undefined;
  try {
    const started = await startService(process.execPath, [script, configPath], {
      cwd: options.dir,
      env: options.env,
      timeoutMs: 60_000,
      ready: /verdaccio listening on (http:\/\/127\.0\.0\.1:\d+\/)/,
    });
    child = started.child;
    const url = started.match[1]!;
    assertLoopback(url, 'Verdaccio');
    const token = await addUser(url);
    const running = child;
    return {
      url,
      token,
      output: started.output,
      stop: () => stopService(running),
    };
  } catch (error) {
    if (child) await stopService(child);
    throw error;
  }
}

export interface Packument {
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, PublishedManifest>;
}

export interface PublishedManifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  dist: { tarball: string };
}

/** A package's document on the registry, or `undefined` when the registry has no such package. */
export async function fetchPackument(
  registryUrl: string,
  name: string,
): Promise<Packument | undefined> {
  const response = await fetch(`${registryUrl}${name.replace('/', '%2f')}`, {
    headers: { accept: 'application/json' },
  });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`GET ${name} from ${registryUrl}: HTTP ${response.status}`);
  return (await response.json()) as Packument;
}
