/**
 * Capture bodies are arbitrary JSON: a property nested thousands of levels deep parses fine
 * (JSON.parse is iterative) but overflows the stack of every recursive walk after it, the
 * store's JSON.stringify included. Such values are cut at a depth no real event reaches, with
 * the marker the OTLP decoder uses for the same case.
 */
import { MAX_DEPTH_MARKER } from '@llm-analytics/core';

export const MAX_PROPERTY_DEPTH = 64;

/** Whether `value` nests arrays or objects deeper than `maxDepth` (iterative: any depth is safe). */
export function exceedsDepth(value: unknown, maxDepth: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= maxDepth) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node))
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/** A copy of `value` with everything below `maxDepth` replaced by the marker. */
export function limitDepth(value: unknown, maxDepth: number, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= maxDepth) return MAX_DEPTH_MARKER;
  if (Array.isArray(value)) return value.map((item) => limitDepth(item, maxDepth, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value))
    // defineProperty keeps a `__proto__` key an own property instead of setting the prototype.
    Object.defineProperty(out, key, {
      value: limitDepth(item, maxDepth, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}
