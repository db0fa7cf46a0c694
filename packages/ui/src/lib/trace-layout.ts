/** The trace tree as rows: depth for indentation, offsets for the waterfall. */
import type { TraceNode } from '../api/types';
import { spanId, spanTimes } from './event-fields';

export interface TreeRow {
  node: TraceNode;
  id: string;
  depth: number;
  /** Position of the span's bar, as fractions of the trace's duration. */
  offset: number;
  width: number;
  startMs: number;
  /** The row has children (for the tree's guide lines). */
  parent: boolean;
}

export interface TraceLayout {
  rows: TreeRow[];
  startMs: number;
  durationMs: number;
}

function byStart(a: TraceNode, b: TraceNode): number {
  return spanTimes(a).start - spanTimes(b).start;
}

export function layoutTrace(roots: TraceNode[]): TraceLayout {
  let startMs = Infinity;
  let endMs = -Infinity;
  const visit = (node: TraceNode) => {
    const { start, end } = spanTimes(node);
    if (Number.isFinite(start)) startMs = Math.min(startMs, start);
    if (Number.isFinite(end)) endMs = Math.max(endMs, end);
    node.children.forEach(visit);
  };
  roots.forEach(visit);
  if (!Number.isFinite(startMs)) startMs = 0;
  if (!Number.isFinite(endMs)) endMs = startMs;
  const durationMs = Math.max(1, endMs - startMs);

  const rows: TreeRow[] = [];
  const seen = new Set<TraceNode>();
  const walk = (node: TraceNode, depth: number) => {
    if (seen.has(node)) return;
    seen.add(node);
    const { start, end } = spanTimes(node);
    rows.push({
      node,
      id: spanId(node),
      depth,
      offset: Math.min(1, Math.max(0, (start - startMs) / durationMs)),
      width: Math.min(1, Math.max(0, (end - start) / durationMs)),
      startMs: start,
      parent: node.children.length > 0,
    });
    [...node.children].sort(byStart).forEach((child) => walk(child, depth + 1));
  };
  [...roots].sort(byStart).forEach((root) => walk(root, 0));
  return { rows, startMs, durationMs };
}
