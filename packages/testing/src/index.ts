export { startMockOpenAI, MOCK_STATUS_HEADER } from './mock-openai-server';
export { startCaptureServer } from './capture-server';
export { countTextTokens, MOCK_REASONING_TOKENS } from './tokens';
export type {
  CapturedRequest,
  CaptureResponder,
  CaptureServer,
  CaptureServerOptions,
  MockFault,
  MockOpenAIOptions,
  MockOpenAIServer,
  RecordedRequest,
  ScriptedResponse,
} from './types';
