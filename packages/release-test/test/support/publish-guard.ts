/**
 * The check that stands between the release test and the real registry: before `changeset
 * publish` runs, every way it and `pnpm publish` could pick a registry must name the loopback
 * one. Any doubt aborts the test before anything is published.
 */
import { assertLoopback, SCOPE } from './local-registry';
import { runOrThrow } from './processes';
import { WORKSPACE_ROOT, type WorkspacePackage } from './workspace';

const normalize = (url: string) => new URL(url.trim()).href;

function assertSame(actual: string | undefined, expected: string, what: string): void {
  if (actual === undefined || actual.trim() === '' || actual.trim() === 'undefined') {
    throw new Error(`${what} is not set: refusing to publish`);
  }
  assertLoopback(actual.trim(), what);
  if (normalize(actual) !== normalize(expected)) {
    throw new Error(`${what} is ${actual.trim()}, not ${expected}: refusing to publish`);
  }
}

/**
 * Throws unless `changeset publish`, run in the workspace root with `env`, can only reach
 * `registryUrl` (an http URL on 127.0.0.1) for every package it would publish.
 */
export async function assertPublishGoesToLoopback(options: {
  registryUrl: string;
  env: NodeJS.ProcessEnv;
  packages: WorkspacePackage[];
}): Promise<void> {
  const { registryUrl, env } = options;
  assertLoopback(registryUrl, 'the release-test registry');

  // changesets picks publishConfig["@scope:registry"], then npm_config_@scope:registry, then
  // publishConfig.registry, then npm_config_registry, and falls back to npmjs.org.
  for (const pkg of options.packages.filter((candidate) => !candidate.private)) {
    for (const key of ['registry', `${SCOPE}:registry`]) {
      const configured = pkg.manifest.publishConfig?.[key];
      if (configured !== undefined) {
        throw new Error(
          `${pkg.name} has publishConfig.${key} = ${String(configured)}, which would override ` +
            'the release test registry: refusing to publish',
        );
      }
    }
  }
  assertSame(env[`npm_config_${SCOPE}:registry`], registryUrl, `npm_config_${SCOPE}:registry`);
  assertSame(env.npm_config_registry, registryUrl, 'npm_config_registry');

  // What npm (`npm info`) and pnpm (`pnpm publish`) resolve from every config layer there is.
  for (const tool of ['npm', 'pnpm']) {
    for (const key of ['registry', `${SCOPE}:registry`]) {
      const { stdout } = await runOrThrow(tool, ['config', 'get', key], {
        cwd: WORKSPACE_ROOT,
        env,
        timeoutMs: 60_000,
      });
      assertSame(stdout, registryUrl, `\`${tool} config get ${key}\` in the workspace`);
    }
  }
}
