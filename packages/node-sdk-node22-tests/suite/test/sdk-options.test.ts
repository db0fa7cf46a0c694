import { OpenAIInstrumentation } from '@opentelemetry/instrumentation-openai';
import { NodeSDK, startNodeSdk } from '@opentelemetry/sdk-node';
import { createPostHogProcessors } from '@llm-analytics/node-sdk';
import { describe, expect, it } from 'vitest';

// Compiled by `tsc -p suite/tsconfig.json` before the run: the helper's result must type-check
// as NodeSDK 0.30x options (SDK 3.x SpanProcessor and LogRecordProcessor) and as startNodeSdk's.
type StartOptions = NonNullable<Parameters<typeof startNodeSdk>[0]>;

describe('createPostHogProcessors with sdk-node 0.30x', () => {
  it('spreads into new NodeSDK({ … }) and startNodeSdk({ … }) options', () => {
    const processors = createPostHogProcessors({ apiKey: 'phc_types', host: 'http://127.0.0.1:9' });
    const sdk = new NodeSDK({
      ...processors,
      instrumentations: [new OpenAIInstrumentation({ captureMessageContent: true })],
    });
    const startOptions = { ...processors, instrumentations: [] } satisfies StartOptions;
    expect(sdk).toBeInstanceOf(NodeSDK);
    expect(startOptions.spanProcessors).toHaveLength(1);
    expect(startOptions.logRecordProcessors).toHaveLength(1);
  });
});
