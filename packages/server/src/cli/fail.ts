/** A one-line error and exit code 2: what every CLI failure looks like. */
export function fail(message: string): never {
  process.stderr.write(`llm-analytics: ${message}\n`);
  process.exit(2);
}
