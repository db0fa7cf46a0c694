import { describeExitPaths } from './support/openai-suite';
import { NODE20_RUNTIME } from './support/node20-runtime';

describeExitPaths(NODE20_RUNTIME);
