/** Child processes with a deadline, their output kept, and nothing left running after them. */
import { spawn, type ChildProcess } from 'node:child_process';

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** stdout alone, for commands that answer in JSON. */
  stdout: string;
  /** stdout and stderr interleaved, for failure reports. */
  output: string;
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Killed (with its children) after this long. */
  timeoutMs: number;
}

/** Keeps the end of a long output: enough to explain a failure without flooding the report. */
export function tail(text: string, lines = 60): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Every child started here and not yet exited, so a failed test can end them all. */
const running = new Set<ChildProcess>();
/** Commands run in a process group of their own: npm, pnpm and changesets spawn children. */
const groupLeaders = new WeakSet<ChildProcess>();

function track(child: ChildProcess, ownGroup: boolean): void {
  running.add(child);
  if (ownGroup) groupLeaders.add(child);
  child.once('exit', () => running.delete(child));
  child.once('error', () => running.delete(child));
}

/** Signals a child, and its whole process group when it leads one. */
export function signal(child: ChildProcess, name: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (groupLeaders.has(child)) process.kill(-child.pid, name);
    else child.kill(name);
  } catch (error) {
    // ESRCH: it is already gone, which is what we wanted.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Kills whatever is still running (a parallel install that outlived a failed one, say). */
export function killRunning(): void {
  for (const child of running) signal(child);
}

/**
 * Runs a command to completion (or to its deadline) and returns its exit and output. The
 * command leads its own process group, so a timeout kills what it spawned too.
 */
export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    track(child, true);
    let output = '';
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      output += `\n[release-test] killed after ${options.timeoutMs} ms\n`;
      signal(child);
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, stdout, output: `${output}\n${error.message}` });
    });
    child.on('close', (code, exitSignal) => {
      clearTimeout(timer);
      resolve({ code, signal: exitSignal, stdout, output });
    });
  });
}

/** Like {@link run}, but throws with the command's output unless it exits 0. */
export async function runOrThrow(
  command: string,
  args: string[],
  options: RunOptions,
): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(
      `\`${[command, ...args].join(' ')}\` (in ${options.cwd}) exited with ` +
        `${result.code ?? result.signal}:\n${tail(result.output)}`,
    );
  }
  return result;
}

/**
 * A long-running single process whose output is watched until `ready` matches. Resolves with
 * the child and the match; rejects (and kills the child) on exit or after `timeoutMs`. It
 * stays in our process group (Ctrl-C reaches it) and gets a stdin pipe that closes when we
 * die, for services that watch it.
 */
export function startService(
  command: string,
  args: string[],
  options: RunOptions & { ready: RegExp },
): Promise<{ child: ChildProcess; match: RegExpMatchArray; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    track(child, false);
    let output = '';
    let settled = false;
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal(child);
      reject(new Error(`\`${[command, ...args].join(' ')}\` ${reason}:\n${tail(output)}`));
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(options.ready);
      if (match && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ child, match, output: () => output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    const timer = setTimeout(
      () => fail(`was not ready after ${options.timeoutMs} ms`),
      options.timeoutMs,
    );
    child.on('error', (error) => fail(`failed to start: ${error.message}`));
    child.on('exit', (code, exitSignal) =>
      fail(`exited with ${code ?? exitSignal} before it was ready`),
    );
  });
}

/** Stops a service with SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export async function stopService(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signal(child, 'SIGTERM');
  const timer = setTimeout(() => signal(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  child.stdin?.destroy();
}
