import { parseArgs } from 'node:util';
import { ConvertError, convertFiles } from './convert';

const USAGE = `Usage:
  llm-analytics convert --traces FILE [--logs FILE] [--privacy]
      Map an OTLP traces request (.pb protobuf or .json) to $ai_* events, one JSON per line.`;

function fail(message: string): never {
  process.stderr.write(`llm-analytics: ${message}\n`);
  process.exit(2);
}

async function convert(args: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        traces: { type: 'string' },
        logs: { type: 'string' },
        privacy: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  if (!values.traces) fail(`convert needs --traces FILE\n${USAGE}`);
  try {
    const result = await convertFiles({
      tracesPath: values.traces,
      logsPath: values.logs,
      privacyMode: values.privacy,
    });
    const lines = result.events.map((event) => JSON.stringify(event));
    if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
    for (const reason of result.rejected)
      process.stderr.write(`llm-analytics: rejected ${reason}\n`);
  } catch (error) {
    if (error instanceof ConvertError) fail(error.message);
    throw error;
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'convert':
      return convert(rest);
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
