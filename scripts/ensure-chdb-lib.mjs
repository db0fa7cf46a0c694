#!/usr/bin/env node
// The workspace install leaves out chDB's native library (about 540 MB, an optional dependency
// of `chdb`; see `ignoredOptionalDependencies` in pnpm-workspace.yaml), so `pnpm install` for the
// demo stays fast. The ClickHouse store's tests (and `pnpm demo --store chdb:…`) need it: this
// puts the exact version `chdb` asks for where `chdb` looks for it, from the npm registry, once.
// Users are not affected: npm and pnpm install `chdb`'s optional library as usual.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PLATFORM_PACKAGES = {
  'linux-x64': '@chdb/lib-linux-x64-gnu',
  'linux-arm64': '@chdb/lib-linux-arm64-gnu',
  'darwin-x64': '@chdb/lib-darwin-x64',
  'darwin-arm64': '@chdb/lib-darwin-arm64',
};

export function ensureChdbLib({ quiet = false } = {}) {
  const name = PLATFORM_PACKAGES[`${process.platform}-${process.arch}`];
  if (!name) throw new Error(`chDB has no native library for ${process.platform}-${process.arch}`);
  const require = createRequire(join(root, 'packages/server/package.json'));
  // chdb's own directory in pnpm's store: its loader requires the library from a sibling folder.
  const chdbDir = dirname(require.resolve('chdb/package.json'));
  const chdb = JSON.parse(readFileSync(join(chdbDir, 'package.json'), 'utf8'));
  const version = chdb.optionalDependencies?.[name];
  if (!version) throw new Error(`chdb ${chdb.version} names no ${name}`);
  const target = join(chdbDir, '..', ...name.split('/'));
  const installed = join(target, 'package.json');
  if (existsSync(installed) && JSON.parse(readFileSync(installed, 'utf8')).version === version)
    return target;
  if (!quiet) process.stderr.write(`ensure-chdb-lib: fetching ${name}@${version} (about 540 MB)\n`);
  const work = mkdtempSync(join(root, 'node_modules', '.chdb-lib-'));
  try {
    const tarball = execFileSync('npm', ['pack', `${name}@${version}`, '--silent'], {
      cwd: work,
      encoding: 'utf8',
    }).trim();
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', join(work, tarball), '-C', target, '--strip-components=1']);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return target;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const target = ensureChdbLib();
    process.stdout.write(`ensure-chdb-lib: ${target}\n`);
  } catch (error) {
    process.stderr.write(
      `ensure-chdb-lib: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
}
