// What the figures were measured on.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

export function machine() {
  let cpu = 'unknown';
  try {
    cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    // Not Linux: the CPU model is only informative.
    cpu = 'unknown (no /proc/cpuinfo)';
  }
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    commit = 'unknown (no git)';
  }
  return {
    nproc: availableParallelism(),
    cpu,
    node: process.version,
    commit,
    load: loadavg()
      .map((value) => value.toFixed(2))
      .join(' '),
  };
}
