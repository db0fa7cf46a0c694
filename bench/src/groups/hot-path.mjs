// hot_path: ns per span in span.end() → onEnd, contestants interleaved round by round so a
// change in machine load hits them alike; samples of all rounds pooled.
import { runWorker } from '../lib/child.mjs';
import { describe } from '../lib/stats.mjs';

const WORKER = new URL('../workers/hot-path-worker.mjs', import.meta.url).pathname;
const KINDS = [
  ['non_ai', 'ns_non_ai', 'non-AI span'],
  ['ai', 'ns_ai', 'AI span, 2 KB messages'],
  ['ai_50kb', 'ns_ai_50kb', 'AI span, 50 KB messages'],
];
const CONTESTANTS = ['ours', 'bsp', 'posthog', 'langfuse'];
/** Reported in the table only (see the worker): what `onEnd` costs, and what the export costs around it. */
const EXTRA = ['ours_isolated', 'bsp_after_ours_export'];
const LABELS = { ours_isolated: 'ours, no export', bsp_after_ours_export: 'bsp + our export' };

export async function hotPath({ quick, log }) {
  const rounds = quick ? 1 : 2;
  const samples = new Map();
  for (let round = 0; round < rounds; round++) {
    for (const [kind] of KINDS) {
      for (const contestant of [...CONTESTANTS, ...(quick ? [] : EXTRA)]) {
        log(`hot_path: ${contestant} ${kind} (round ${round + 1}/${rounds})`);
        const result = await runWorker(WORKER, [contestant, kind, quick ? 'quick' : 'full']);
        const key = `${contestant}:${kind}`;
        samples.set(key, [...(samples.get(key) ?? []), ...result.samplesNs]);
      }
    }
  }
  const figures = {};
  const sections = [];
  for (const [kind, suffix, title] of KINDS) {
    const bsp = describe(samples.get(`bsp:${kind}`)).median;
    const rows = [];
    for (const contestant of [...CONTESTANTS, ...EXTRA]) {
      const values = samples.get(`${contestant}:${kind}`);
      if (!values) continue;
      const stats = describe(values);
      if (CONTESTANTS.includes(contestant))
        figures[`hot_path.${contestant}_${suffix}`] = stats.median;
      rows.push({
        name: LABELS[contestant] ?? contestant,
        ...stats,
        unit: 'ns',
        ratio: stats.median / bsp,
      });
    }
    sections.push({ title: `hot path: ${title} (ns per span.end(), ratio vs bsp)`, rows });
  }
  return { figures, sections };
}
