// Types of traceloop-scenarios.mjs, for the TypeScript tests that run the scenarios live.
import type { Tracer } from '@opentelemetry/api';
import type { MockOpenAIServer } from '@llm-analytics/testing';

/** The parts of `@traceloop/node-server-sdk` the scenarios call (0.16 and current alike). */
export interface TraceloopModule {
  withWorkflow(
    config: { name: string },
    fn: (...args: never[]) => unknown,
    ...args: unknown[]
  ): Promise<unknown>;
  withTask(
    config: { name: string },
    fn: (...args: never[]) => unknown,
    ...args: unknown[]
  ): Promise<unknown>;
  withAgent(
    config: { name: string },
    fn: (...args: never[]) => unknown,
    ...args: unknown[]
  ): Promise<unknown>;
  withTool(
    config: { name: string },
    fn: (...args: never[]) => unknown,
    ...args: unknown[]
  ): Promise<unknown>;
  withAssociationProperties(properties: Record<string, string>, fn: () => unknown): unknown;
  forceFlush(): Promise<void>;
}

export interface ScenarioContext {
  traceloop: TraceloopModule;
  /** An `openai` client (v5 or v6) whose class Traceloop instrumented. */
  client: unknown;
  mock: MockOpenAIServer;
  tracer: Tracer;
}

export declare const weatherTool: {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
};

export declare function getWeather(args: { city: string; unit?: string }): {
  city: string;
  temperature: number;
  unit: string;
};

/** Scenario name → what it runs, in capture order. */
export declare function traceloopScenarios(
  context: ScenarioContext,
): Record<string, () => Promise<void>>;
