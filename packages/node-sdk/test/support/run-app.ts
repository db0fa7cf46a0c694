import { spawn, type ChildProcess } from 'node:child_process';

export interface AppRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunAppOptions {
  env: Record<string, string>;
  /** Node flags before the script, e.g. `['--import', '@llm-analytics/node-sdk/register']`. */
  nodeArgs?: string[];
  cwd?: string;
  timeoutMs?: number;
  /** Called with the child and everything it printed so far, on every stdout chunk. */
  onStdout?: (child: ChildProcess, stdout: string) => void;
}

/**
 * Runs a script in its own Node process (the one running the tests: Node 20 at the root,
 * Node 22 in the node22 suite). NodeSDK and the instrumentations patch process-wide state,
 * so every app gets a fresh process. The SDK's own OTLP exporters for metrics and logs are
 * turned off: with no collector on localhost:4318 they only slow the shutdown down.
 */
export function runApp(script: string, options: RunAppOptions): Promise<AppRun> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OTEL_METRICS_EXPORTER: 'none',
    OTEL_LOGS_EXPORTER: 'none',
    ...options.env,
  };
  // As a user's process would start: the pnpm shim that launched the tests sets NODE_PATH to
  // the workspace's hoisted packages, which would hide resolution mistakes.
  delete env.NODE_PATH;
  delete env.NODE_OPTIONS;
  delete env.NODE_NO_WARNINGS;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script], {
      cwd: options.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish in time\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      options.onStdout?.(child, stdout);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
