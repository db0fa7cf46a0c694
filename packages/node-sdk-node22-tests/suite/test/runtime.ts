import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SuiteRuntime } from '../../../node-sdk/test/support/openai-suite';

const SUITE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The Node 22 line: this directory's own install (see ../package.json). */
export const NODE22_RUNTIME: SuiteRuntime = {
  label: 'Node 22, sdk-node 0.301, SDK 3.1, instrumentation-openai 0.22, openai 6',
  libRoot: SUITE_ROOT,
  esmApp: join(SUITE_ROOT, 'apps/esm-app.mjs'),
  instrumentationVersion: '0.22.0',
  sdkVersion: '3.1.0',
  nodeMajor: 22,
};
