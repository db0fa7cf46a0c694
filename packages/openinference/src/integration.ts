import { defineIntegration } from '@llm-analytics/core';
import { openInferenceNormalizer } from './normalize-openinference';

/** Arize OpenInference instrumentations (any language), for `createMapper` and the server. */
export const openInferenceIntegration = defineIntegration({
  name: 'openinference',
  normalizers: [openInferenceNormalizer],
});
