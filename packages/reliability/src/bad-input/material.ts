/* eslint-disable no-restricted-syntax -- fuzz material spells raw attribute keys of every framework on purpose */
/** Valid request bodies the mutations start from: real SDK spans through the real serializers. */
import type { Attributes } from '@opentelemetry/api';
import { mapSpans, spanRecordFromReadableSpan, type AiEvent } from '@llm-analytics/core';
import { SpanFactory, chatAttributes, toJson, toProtobuf } from '../lib/spans';

export interface Material {
  protobuf: Uint8Array[];
  json: string[];
  captureBatches: string[];
  logsJson: string[];
}

/** Attribute sets in every form the normalizers read, so mutations reach every code path. */
function attributeVariants(index: number): Attributes[] {
  const label = `material-${index}`;
  return [
    chatAttributes(label, 200),
    {
      'gen_ai.system': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.prompt.0.role': 'user',
      'gen_ai.prompt.0.content': `${label} indexed prompt`,
      'gen_ai.completion.0.role': 'assistant',
      'gen_ai.completion.0.content': 'indexed answer',
      'gen_ai.completion.0.tool_calls.0.name': 'lookup',
      'gen_ai.completion.0.tool_calls.0.arguments': '{"q":1}',
      'gen_ai.usage.prompt_tokens': 10,
      'gen_ai.usage.completion_tokens': 3,
    },
    {
      'ai.operationId': 'ai.generateText.doGenerate',
      'ai.model.id': 'gpt-4o-mini',
      'ai.model.provider': 'openai.chat',
      'ai.prompt.messages': JSON.stringify([{ role: 'user', content: label }]),
      'ai.response.text': 'vercel answer',
      'ai.usage.promptTokens': 5,
      'ai.usage.completionTokens': 2,
    },
    {
      'openinference.span.kind': 'LLM',
      'llm.model_name': 'gpt-4o-mini',
      'llm.input_messages.0.message.role': 'user',
      'llm.input_messages.0.message.content': label,
      'llm.output_messages.0.message.role': 'assistant',
      'llm.output_messages.0.message.content': 'oi answer',
      'llm.token_count.prompt': 7,
      'input.value': label,
      'output.value': 'oi answer',
    },
    {
      'gen_ai.operation.name': 'embeddings',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'text-embedding-3-small',
      'gen_ai.usage.input_tokens': 8,
      'gen_ai.tool.definitions': JSON.stringify([{ type: 'function', name: 'f', parameters: {} }]),
    },
  ];
}

export async function buildMaterial(): Promise<Material> {
  const factory = new SpanFactory();
  try {
    const protobuf: Uint8Array[] = [];
    const json: string[] = [];
    const captureBatches: string[] = [];
    for (let index = 0; index < 6; index++) {
      const spans = [
        ...factory.chats(1 + (index % 3), { textBytes: 100 }),
        ...attributeVariants(index).map((attributes, n) =>
          factory.custom(`llm call ${n}`, attributes),
        ),
      ];
      protobuf.push(toProtobuf(spans));
      json.push(Buffer.from(toJson(spans)).toString('utf8'));
      const events: AiEvent[] = mapSpans(
        spans.map((span) => spanRecordFromReadableSpan(span)),
      ).events;
      captureBatches.push(JSON.stringify({ api_key: '__TOKEN__', batch: events }));
    }
    const logsJson = [0, 1, 2].map((index) =>
      JSON.stringify({
        resourceLogs: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'logs' } }] },
            scopeLogs: [
              {
                scope: { name: '@opentelemetry/instrumentation-openai' },
                logRecords: [
                  {
                    timeUnixNano: '1700000000000000000',
                    traceId: '0af7651916cd43dd8448eb211c80319c',
                    spanId: `b7ad6b71692033${String(index).padStart(2, '0')}`,
                    eventName: 'gen_ai.user.message',
                    body: {
                      kvlistValue: { values: [{ key: 'content', value: { stringValue: 'hi' } }] },
                    },
                    attributes: [{ key: 'gen_ai.system', value: { stringValue: 'openai' } }],
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    return { protobuf, json, captureBatches, logsJson };
  } finally {
    await factory.shutdown();
  }
}
