export { startMockOpenAI, MOCK_STATUS_HEADER } from './mock-openai-server';
export { MOCK_JUDGE_ANSWER_PREFIX } from './chat-answer';
export { startMockAnthropic } from './mock-anthropic-server';
export { anthropicErrorBody, type AnthropicErrorBody } from './anthropic-errors';
export { MOCK_THINKING } from './anthropic-answer';
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
export type {
  MockAnthropicFault,
  MockAnthropicOptions,
  MockAnthropicServer,
} from './anthropic-types';
