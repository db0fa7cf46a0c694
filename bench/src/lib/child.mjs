// Each measurement runs in a fresh process: no JIT state, heap or global patching carries
// over from one contestant to the next.
import { fork } from 'node:child_process';
import { basename } from 'node:path';

/**
 * `node` flags for every process the benchmark starts: `bench --cpu-prof DIR` sets
 * LLM_ANALYTICS_BENCH_CPU_PROF so each worker, sink and server writes a V8 CPU profile there.
 */
export function profileExecArgv(label) {
  const dir = process.env.LLM_ANALYTICS_BENCH_CPU_PROF;
  if (!dir) return [];
  const name = `${label.replace(/[^\w.-]+/g, '_')}.${Date.now()}.${++profiles}.cpuprofile`;
  return ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', name];
}
let profiles = 0;

/**
 * Run `script` with `args` in a child; resolves with the one `{type: 'result'}` message it
 * sends. Its stdout goes to our stderr, so `--json` output stays clean.
 */
export function runWorker(script, args = [], { execArgv = [], timeoutMs = 300_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = fork(script, args, {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      execArgv: [...profileExecArgv([basename(script, '.mjs'), ...args].join('-')), ...execArgv],
    });
    child.stdout.pipe(process.stderr);
    let result;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} ${args.join(' ')}: no result after ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', (message) => {
      if (message?.type === 'result') result = message.value;
      if (message?.type === 'error') reject(new Error(message.message));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (result !== undefined) resolve(result);
      else reject(new Error(`${script} ${args.join(' ')} exited with ${code ?? signal}`));
    });
  });
}

/** In a worker: send the result (or the error) to the parent and exit. */
export async function reportFromWorker(work) {
  try {
    const value = await work();
    process.send({ type: 'result', value }, () => process.exit(0));
  } catch (error) {
    process.send({ type: 'error', message: String(error?.stack ?? error) }, () => process.exit(1));
  }
}
