/** `llm-analytics convert`: an OTLP request file to `$ai_*` events, one JSON per line. */
import { parseArgs } from 'node:util';
import { ConvertError, convertFiles } from '../convert';
import { fail } from './fail';

export const CONVERT_USAGE = `  llm-analytics convert --traces FILE [--logs FILE] [--privacy]
      Map an OTLP traces request (.pb protobuf or .json) to $ai_* events, one JSON per line.`;

export async function convert(args: string[], usage: string): Promise<void> {
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
    fail(`${(error as Error).message}\n${usage}`);
  }
  if (!values.traces) fail(`convert needs --traces FILE\n${usage}`);
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
