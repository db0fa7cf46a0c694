// export: CPU µs per AI span from span.end() to the request accepted by a loopback sink.
import { runWorker } from '../lib/child.mjs';
import { describe } from '../lib/stats.mjs';

const WORKER = new URL('../workers/export-worker.mjs', import.meta.url).pathname;
const BLOCK_WORKER = new URL('../workers/export-block-worker.mjs', import.meta.url).pathname;
const SIZES = ['2kb', '50kb'];
const CONTESTANTS = ['ours', 'ours_spool', 'bsp_otlp', 'posthog', 'langfuse'];
/**
 * Reported in the table only: ours without gzip, ours with the browsers' `CompressionStream`
 * gzip, ours forwarding OTLP (the server maps).
 */
const EXTRA = ['ours_no_gzip', 'ours_stream_gzip', 'ours_otlp'];

export async function exportCost({ quick, log }) {
  const rounds = quick ? 1 : 2;
  const results = new Map();
  for (let round = 0; round < rounds; round++) {
    for (const size of SIZES) {
      for (const contestant of [...CONTESTANTS, ...(quick ? [] : EXTRA)]) {
        log(`export: ${contestant} ${size} (round ${round + 1}/${rounds})`);
        const result = await runWorker(WORKER, [contestant, size, quick ? 'quick' : 'full']);
        const key = `${contestant}:${size}`;
        const previous = results.get(key);
        results.set(key, {
          samples: [...(previous?.samples ?? []), ...result.samplesUs],
          wireBytesPerSpan: result.wireBytesPerSpan,
        });
      }
    }
  }
  const figures = {};
  const sections = [];
  const blocks = [];
  for (let round = 0; round < rounds; round++) {
    log(`export: longest event-loop block, ours 50kb (round ${round + 1}/${rounds})`);
    const result = await runWorker(BLOCK_WORKER, ['ours', quick ? 'quick' : 'full']);
    blocks.push(...result.samplesMs);
  }
  // The worst sample, not the median: the goal is that no export ever blocks 10 ms or more.
  figures['export.max_block_ms_50kb'] = Math.max(...blocks);
  for (const size of SIZES) {
    const baseline = describe(results.get(`bsp_otlp:${size}`).samples).median;
    const rows = [];
    for (const contestant of [...CONTESTANTS, ...EXTRA]) {
      const result = results.get(`${contestant}:${size}`);
      if (!result) continue;
      const stats = describe(result.samples);
      if (CONTESTANTS.includes(contestant))
        figures[`export.${contestant}_cpu_us_${size}`] = stats.median;
      rows.push({
        name: contestant,
        ...stats,
        unit: 'µs',
        ratio: stats.median / baseline,
        note: `${Math.round(result.wireBytesPerSpan).toLocaleString('en-US')} B/span on the wire`,
      });
    }
    sections.push({
      title: `export: AI span with ${size.replace('kb', ' KB')} of messages (CPU µs per span, ratio vs bsp_otlp)`,
      rows,
    });
  }
  const block = describe(blocks);
  sections.push({
    title: 'export: longest event-loop block while exporting 100 spans of 50 KB (ms, goal < 10)',
    rows: [
      {
        name: 'ours',
        ...block,
        unit: 'ms',
        note: `worst of ${blocks.length} exports: ${Math.max(...blocks).toFixed(1)} ms`,
      },
    ],
  });
  return { figures, sections };
}
