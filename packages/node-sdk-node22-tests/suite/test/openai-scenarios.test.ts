import { describeOpenAIScenarios } from '../../../node-sdk/test/support/openai-suite';
import { NODE22_RUNTIME } from './runtime';

describeOpenAIScenarios(NODE22_RUNTIME);
