import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WARNING_CODES, warnLoudly } from '@llm-analytics/core';
import semver from 'semver';
import type { InstrumentationLike } from './logger-provider-bridge';
import { markUninstrumentedCallsExplained } from './uninstrumented-calls';

interface InstalledPackage {
  name: string;
  version: string;
}

/** The version of `name` the application (its working directory) would load, if installed. */
function installedVersion(name: string, fromDir: string): string | undefined {
  const require = createRequire(pathToFileURL(join(fromDir, 'noop.js')));
  try {
    return (
      JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as InstalledPackage
    ).version;
  } catch {
    // `./package.json` not exported: walk up from the entry point to the package's root.
  }
  try {
    let dir = dirname(require.resolve(name));
    for (;;) {
      const manifest = join(dir, 'package.json');
      if (existsSync(manifest)) {
        const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as Partial<InstalledPackage>;
        if (parsed.name === name && typeof parsed.version === 'string') return parsed.version;
      }
      const parent = dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  } catch {
    return undefined;
  }
}

/** The newest major, up to `below`, that one of `ranges` accepts. */
function newestSupportedMajor(ranges: readonly string[], below: number): number | undefined {
  for (let major = below; major >= 0; major--)
    if (ranges.some((range) => semver.intersects(range, `^${major}.0.0`))) return major;
  return undefined;
}

/**
 * Warn once when an instrumentation given to `createPostHogProcessors` does not patch the
 * installed version of its client library (`instrumentation-openai` 0.22 and `openai` 7, say):
 * the app then records no LLM span and sends no event, silently. Never throws.
 */
export function warnOnUnpatchedClients(
  instrumentations: readonly unknown[],
  warnings: boolean,
  fromDir: string = process.cwd(),
): void {
  for (const instrumentation of instrumentations.flat()) {
    try {
      const candidate = instrumentation as InstrumentationLike & {
        instrumentationVersion?: string;
      };
      for (const definition of candidate?.getModuleDefinitions?.() ?? []) {
        const ranges = definition.supportedVersions ?? [];
        if (!definition.name || !ranges.length || ranges.includes('*')) continue;
        const version = installedVersion(definition.name, fromDir);
        if (!version || ranges.some((range) => semver.satisfies(version, range))) continue;
        const supported = newestSupportedMajor(ranges, semver.major(version));
        // The no-LLM-span warning would report the same cause again, less precisely.
        markUninstrumentedCallsExplained();
        warnLoudly(
          WARNING_CODES.unpatchedClient,
          `${definition.name} ${version} is installed, but ${candidate.instrumentationName ?? 'its instrumentation'}` +
            `${candidate.instrumentationVersion ? ` ${candidate.instrumentationVersion}` : ''} patches ` +
            `${definition.name} ${ranges.join(' || ')} only: its calls record no LLM span and send no event. ` +
            (supported === undefined
              ? 'Install a supported version or a newer instrumentation.'
              : `Install \`${definition.name}@${supported}\` or a newer instrumentation.`),
          warnings,
        );
      }
    } catch {
      // Only the warning is lost.
    }
  }
}
