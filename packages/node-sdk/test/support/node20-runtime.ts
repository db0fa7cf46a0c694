import { join } from 'node:path';
import { NODE_SDK_ROOT, type SuiteRuntime } from './openai-suite';

/** This package's own devDependencies: the Node 20 line of OpenTelemetry. */
export const NODE20_RUNTIME: SuiteRuntime = {
  label: 'Node 20, sdk-node 0.223, instrumentation-openai 0.21, openai 6',
  libRoot: NODE_SDK_ROOT,
  esmApp: join(NODE_SDK_ROOT, 'test/apps/esm-app.mjs'),
  instrumentationVersion: '0.21.0',
  sdkVersion: '2.12.0',
  nodeMajor: 20,
};
