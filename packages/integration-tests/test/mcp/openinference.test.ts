/**
 * `@arizeai/openinference-instrumentation-mcp` 0.2.33 only carries the trace context across the
 * stdio, SSE and streamable-HTTP transports (so a server's own spans join the client's trace):
 * it starts no span of its own, and does not touch the in-process transport. With a real client
 * and server in-process, MCP tool calls leave no span at all.
 */
import * as clientStdioModule from '@modelcontextprotocol/sdk/client/stdio.js';
import * as clientStreamableHTTPModule from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { MCPInstrumentation } from '@arizeai/openinference-instrumentation-mcp';
import { expect, it } from 'vitest';
import { startLiveTracing } from '../support/tracing';
import { connectWeatherServer, inSpan } from './scenario';

it('OpenInference MCP: no span for the session, the listing or the tool call', async () => {
  const tracing = startLiveTracing('mcp-openinference');
  const instrumentation = new MCPInstrumentation();
  instrumentation.setTracerProvider(tracing.provider);
  instrumentation.manuallyInstrument({ clientStdioModule, clientStreamableHTTPModule });
  try {
    const result = await inSpan('agent', async () => {
      const mcp = await connectWeatherServer();
      await mcp.listTools();
      const called = await mcp.callTool({ name: 'get_weather', arguments: { city: 'Paris' } });
      await mcp.close();
      return called;
    });
    expect(result.content).toEqual([{ type: 'text', text: 'Sunny in Paris' }]);
    const { readable } = await tracing.collect();
    expect(readable.map((span) => span.instrumentationScope.name)).toEqual(['weather-app']);
  } finally {
    await tracing.shutdown();
  }
});
