/** The workspace as the release sees it: its packages, its pnpm, and clean child environments. */
import { accessSync, constants, chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runOrThrow } from './processes';

export const WORKSPACE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

export interface WorkspacePackage {
  name: string;
  version: string;
  path: string;
  private: boolean;
  manifest: PackageManifest;
}

export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  main?: string;
  files?: string[];
  bin?: string | Record<string, string>;
  publishConfig?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

export function readManifest(dir: string): PackageManifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageManifest;
}

/**
 * A child environment that carries nothing of ours or of the developer's npm setup: no
 * `npm_*` / `pnpm_*` variables that pnpm and vitest export to scripts, no registry tokens,
 * the user's `.npmrc` replaced by `userconfig`, and every npm / pnpm cache, store, state and
 * config dir under `tempDir`.
 */
export function isolatedEnv(
  tempDir: string,
  userconfig: string,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|vitest|tinypool)/i.test(key)) continue;
    if (key === 'NPM_TOKEN' || key === 'NODE_AUTH_TOKEN' || key === 'NODE_OPTIONS') continue;
    // pnpm's bin shims (vitest's included) point NODE_PATH at the workspace's hoisted modules:
    // a fresh install would silently resolve what it lacks from the workspace (under pnpm's strict
    // layout, a second @opentelemetry/instrumentation whose loader hook patches nothing).
    if (key === 'NODE_PATH') continue;
    env[key] = value;
  }
  return {
    ...env,
    npm_config_userconfig: userconfig,
    npm_config_cache: join(tempDir, 'npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    XDG_CACHE_HOME: join(tempDir, 'xdg', 'cache'),
    XDG_CONFIG_HOME: join(tempDir, 'xdg', 'config'),
    XDG_DATA_HOME: join(tempDir, 'xdg', 'data'),
    XDG_STATE_HOME: join(tempDir, 'xdg', 'state'),
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
    ...extra,
  };
}

function findOnPath(command: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory: keep looking.
    }
  }
  return undefined;
}

/**
 * `changeset publish` runs `pnpm publish` from PATH. Under `pnpm test` pnpm is on PATH; run
 * bare (`npx vitest`), it may not be, so a shim in `binDir` runs the workspace's pinned pnpm
 * through npx (with npx's cache under the temp dir like every other cache). Returns the PATH.
 */
export function pathWithPnpm(binDir: string, path: string | undefined): string {
  if (findOnPath('pnpm', path)) return path ?? '';
  const root = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'package.json'), 'utf8')) as {
    packageManager?: string;
  };
  const version = root.packageManager?.match(/^pnpm@([^+]+)/)?.[1];
  if (!version) throw new Error('pnpm is not on PATH and package.json names no pnpm version');
  mkdirSync(binDir, { recursive: true });
  const shim = join(binDir, 'pnpm');
  writeFileSync(shim, `#!/bin/sh\nexec npx -y pnpm@${version} "$@"\n`);
  chmodSync(shim, 0o755);
  return [binDir, path].filter(Boolean).join(delimiter);
}

/** Every workspace package, as pnpm lists them (root excluded). */
export async function listWorkspacePackages(env: NodeJS.ProcessEnv): Promise<WorkspacePackage[]> {
  const { stdout } = await runOrThrow('pnpm', ['ls', '-r', '--depth', '-1', '--json'], {
    cwd: WORKSPACE_ROOT,
    env,
    timeoutMs: 60_000,
  });
  const projects = JSON.parse(stdout.slice(stdout.indexOf('['))) as { path: string }[];
  return projects
    .filter((project) => resolve(project.path) !== WORKSPACE_ROOT)
    .map((project) => {
      const manifest = readManifest(project.path);
      return {
        name: manifest.name,
        version: manifest.version,
        path: project.path,
        private: manifest.private === true,
        manifest,
      };
    });
}
