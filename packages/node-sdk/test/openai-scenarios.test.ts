import { describeOpenAIScenarios } from './support/openai-suite';
import { NODE20_RUNTIME } from './support/node20-runtime';

describeOpenAIScenarios(NODE20_RUNTIME);
