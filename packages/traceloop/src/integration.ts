import { defineIntegration } from '@llm-analytics/core';
import { traceloopNormalizer } from './normalize-traceloop';

/** Traceloop OpenLLMetry (current and indexed forms, Node and Python), for `createMapper` and the server. */
export const traceloopIntegration = defineIntegration({
  name: 'traceloop',
  normalizers: [traceloopNormalizer],
});
