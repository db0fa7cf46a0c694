import { readFileSync } from 'node:fs';
import { CONVERT_USAGE, convert } from './cli/convert-command';
import { fail } from './cli/fail';
import { SERVE_USAGE, serve } from './cli/serve-command';

const USAGE = `Usage:\n${SERVE_USAGE}\n${CONVERT_USAGE}\n  llm-analytics --version`;

/** This package's version: its package.json is one level up from both `src/` and `dist/`. */
function cliVersion(): string {
  const manifest = JSON.parse(
    readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
  ) as { version?: string };
  return manifest.version ?? 'unknown';
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve(rest, USAGE);
    case 'convert':
      return convert(rest, USAGE);
    case '-v':
    case '--version':
    case 'version':
      process.stdout.write(`${cliVersion()}\n`);
      return;
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return;
    default:
      fail(`unknown command "${command}"\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) =>
  fail(error instanceof Error ? error.message : String(error)),
);
