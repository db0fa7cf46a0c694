/**
 * `pnpm test:reliability [--json] [--short] [--only a,b] [--out run.json] [--report RELIABILITY.md]`:
 * runs every scenario and prints one line per figure (or one flat JSON object with --json).
 * `--render run.json --report RELIABILITY.md` renders an earlier run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Figures, ScenarioResult } from './lib/figures';
import { endLoad, machine, renderReport, type RunRecord } from './report';
import { SCENARIOS, type ScenarioName } from './scenarios';
import { memoryChild } from './scenarios/memory';

const USAGE =
  'usage: run.js [--json] [--short] [--only bad_input,crash,outage,durable,host_app,memory,security] [--out run.json] [--report RELIABILITY.md] [--render run.json]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      short: { type: 'boolean', default: false },
      only: { type: 'string' },
      out: { type: 'string' },
      report: { type: 'string' },
      render: { type: 'string' },
      help: { type: 'boolean', default: false },
      'memory-child': { type: 'string' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values['memory-child'] !== undefined) {
    await memoryChild(values['memory-child']);
    return 0;
  }
  if (values.render) {
    const record = JSON.parse(readFileSync(values.render, 'utf8')) as RunRecord;
    writeFileSync(values.report ?? 'RELIABILITY.md', renderReport(record));
    return 0;
  }
  const names = (values.only ? values.only.split(',') : Object.keys(SCENARIOS)) as ScenarioName[];
  for (const name of names)
    if (!(name in SCENARIOS)) throw new Error(`unknown scenario "${name}"\n${USAGE}`);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const form = values.short ? 'short' : 'full';
  const record: RunRecord = {
    figures: {},
    results: {},
    machine: machine(),
    startedAt: new Date().toISOString(),
    form,
  };
  const figures: Figures = record.figures;
  let failed = false;
  for (const name of names) {
    log(`▶ ${name}${values.short ? ' (short)' : ''}`);
    const started = Date.now();
    try {
      const result: ScenarioResult = await SCENARIOS[name](form, log);
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      record.results[name] = { ...result, seconds };
      Object.assign(figures, result.figures);
      for (const problem of result.problems) log(`  ✗ ${problem}`);
      if (result.problems.length) failed = true;
      log(`  done in ${seconds} s`);
    } catch (error) {
      failed = true;
      log(
        `  ✗ ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  }
  record.machine = endLoad(record.machine);
  if (values.out) writeFileSync(values.out, `${JSON.stringify(record, null, 2)}\n`);
  if (values.report) writeFileSync(values.report, renderReport(record));
  if (values.json) process.stdout.write(`${JSON.stringify(figures)}\n`);
  else {
    const width = Math.max(0, ...Object.keys(figures).map((key) => key.length));
    for (const [key, value] of Object.entries(figures))
      process.stdout.write(`${key.padEnd(width)}  ${value}\n`);
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(2);
  },
);
