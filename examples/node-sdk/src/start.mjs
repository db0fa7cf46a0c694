import { run } from './run.mjs';

try {
  const { failedStatuses } = await run();
  if (failedStatuses.length) process.exitCode = 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
