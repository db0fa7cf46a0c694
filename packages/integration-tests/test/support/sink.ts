import type { AiEvent } from '@llm-analytics/core';
import { startCaptureServer, type CaptureServer } from '@llm-analytics/testing';

/** A capture server standing in for PostHog: the events our processor delivered. */
export async function startSink(): Promise<CaptureServer & { events(): AiEvent[] }> {
  const sink = await startCaptureServer();
  return Object.assign(sink, {
    events(): AiEvent[] {
      return sink.requests
        .filter((request) => request.path === '/batch/')
        .flatMap((request) => (request.json as { batch: AiEvent[] }).batch);
    },
  });
}
