import { describeEsmApp } from '../../../node-sdk/test/support/openai-suite';
import { NODE22_RUNTIME } from './runtime';

describeEsmApp(NODE22_RUNTIME);
