import { CONVERT_USAGE, convert } from './cli/convert-command';
import { fail } from './cli/fail';
import { SERVE_USAGE, serve } from './cli/serve-command';

const USAGE = `Usage:\n${SERVE_USAGE}\n${CONVERT_USAGE}`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve(rest, USAGE);
    case 'convert':
      return convert(rest, USAGE);
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
