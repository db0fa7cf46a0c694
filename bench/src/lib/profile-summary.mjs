// Top frames of a V8 `.cpuprofile` (from `node --cpu-prof`), for the README: by self time, or
// by inclusive time under a root frame (e.g. `flushReady`).
//
//   node src/lib/profile-summary.mjs <file.cpuprofile> [top=15] [root function name]
import { readFileSync } from 'node:fs';

/** Self time per function (name, file:line), largest first, as fractions of the total. */
export function topFrames(profile, top = 15) {
  const selfByNode = new Map();
  const deltas = profile.timeDeltas ?? [];
  profile.samples.forEach((id, index) => {
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + (deltas[index] ?? 0));
  });
  const byFrame = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const self = selfByNode.get(node.id) ?? 0;
    total += self;
    const key = frameKey(node.callFrame);
    byFrame.set(key, (byFrame.get(key) ?? 0) + self);
  }
  return [...byFrame]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([frame, self]) => ({ frame, share: self / total, ms: self / 1000 }));
}

function frameKey(callFrame) {
  const { functionName, url, lineNumber } = callFrame;
  const file = url ? url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '') : '';
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
}

/**
 * Inclusive time per function (the function or anything it called was on the stack), as
 * fractions of the time spent under a frame named `root` (all samples when omitted).
 */
export function inclusiveFrames(profile, { top = 15, root } = {}) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parents.set(child, node.id);
  const deltas = profile.timeDeltas ?? [];
  const totals = new Map();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const keys = [];
    for (let current = id; current !== undefined; current = parents.get(current))
      keys.push(frameKey(nodes.get(current).callFrame));
    const rootAt =
      root === undefined ? keys.length : keys.findIndex((key) => key.startsWith(`${root} `));
    if (rootAt < 0) return;
    const time = deltas[index] ?? 0;
    total += time;
    for (const key of new Set(keys.slice(0, rootAt + 1)))
      totals.set(key, (totals.get(key) ?? 0) + time);
  });
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([frame, time]) => ({ frame, share: time / total, ms: time / 1000 }));
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const [file, top = '15', root] = process.argv.slice(2);
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const rows = root ? inclusiveFrames(profile, { top: +top, root }) : topFrames(profile, +top);
  for (const { frame, share, ms } of rows)
    console.log(
      `${(share * 100).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(6)} ms  ${frame}`,
    );
}
