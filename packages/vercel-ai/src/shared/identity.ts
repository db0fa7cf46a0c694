import { type AttributeReader } from '@llm-analytics/core';
import { VercelAiIdentityKey } from '@llm-analytics/core/semconv';

export interface ContextIdentity {
  distinctId?: string;
  sessionId?: string;
  /** The other entries, keyed without the prefix. */
  properties: Record<string, unknown>;
}

function identityString(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * Identity and custom dimensions from prefixed keys (`ai.telemetry.metadata.*` on AI SDK 6,
 * `ai.settings.context.*` on AI SDK 7): `posthog_distinct_id`, else `userId` / `user_id`,
 * names the person; `sessionId` / `session_id`, else `conversationId` / `conversation_id`,
 * the session. Keys used for identity are not repeated as properties; the rest become
 * properties with the prefix removed. Every prefixed key is consumed.
 */
export function readContextIdentity(reader: AttributeReader, prefix: string): ContextIdentity {
  const entries = new Map<string, unknown>();
  for (const key of reader.keysWithPrefix(prefix)) {
    const name = key.slice(prefix.length);
    const value = reader.raw(key);
    if (name !== '' && name !== '__proto__' && value !== undefined) entries.set(name, value);
  }
  const pick = (...names: readonly string[]): string | undefined => {
    for (const name of names) {
      const value = identityString(entries.get(name));
      if (value !== undefined) {
        entries.delete(name);
        return value;
      }
    }
    return undefined;
  };
  const identity: ContextIdentity = { properties: {} };
  const distinctId =
    pick(VercelAiIdentityKey.posthogDistinctId) ?? pick(...VercelAiIdentityKey.userId);
  const sessionId =
    pick(...VercelAiIdentityKey.sessionId) ?? pick(...VercelAiIdentityKey.conversationId);
  if (distinctId !== undefined) identity.distinctId = distinctId;
  if (sessionId !== undefined) identity.sessionId = sessionId;
  for (const [name, value] of entries) identity.properties[name] = value;
  return identity;
}
