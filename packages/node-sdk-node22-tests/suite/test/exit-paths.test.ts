import { describeExitPaths } from '../../../node-sdk/test/support/openai-suite';
import { NODE22_RUNTIME } from './runtime';

describeExitPaths(NODE22_RUNTIME);
