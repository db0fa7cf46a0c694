import { describeEsmApp } from './support/openai-suite';
import { NODE20_RUNTIME } from './support/node20-runtime';

describeEsmApp(NODE20_RUNTIME);
