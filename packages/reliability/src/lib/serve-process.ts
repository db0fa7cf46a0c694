/** `llm-analytics serve` in a child process: started, SIGKILLed and restarted on one port and db. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/** The server's built CLI, the way users run it. */
export function serveCliPath(): string {
  const require = createRequire(import.meta.url);
  const cli = join(
    dirname(require.resolve('@llm-analytics/server/package.json')),
    'dist',
    'cli.js',
  );
  if (!existsSync(cli))
    throw new Error(
      `${cli} is missing: build first (pnpm build, or pnpm --filter @llm-analytics/server build)`,
    );
  return cli;
}

/**
 * Loaded into every child before the CLI: the child exits when our end of its stdin closes
 * (this process died) and after a maximum lifetime, so no server outlives the suite.
 */
function watchdog(maxLifetimeMs: number): string {
  const code = `process.stdin.on('end',()=>process.exit(3));process.stdin.on('error',()=>process.exit(3));process.stdin.resume();setTimeout(()=>process.exit(4),${maxLifetimeMs}).unref();`;
  return `data:text/javascript,${encodeURIComponent(code)}`;
}

/** A free loopback port (bound, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface ServeOptions {
  port: number;
  dbPath: string;
  projectToken: string;
  readKey: string;
  /** Also receive OTLP/gRPC on this port (`--grpc-port`). */
  grpcPort?: number;
  /** The child exits by itself after this long (default 20 minutes). */
  maxLifetimeMs?: number;
  /** Extra node flags (e.g. --max-old-space-size). */
  nodeFlags?: string[];
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class ServeProcess {
  /** Resolves when the child exits, for whatever reason. */
  readonly exited: Promise<Exit>;
  private exit: Exit | undefined;
  private stderrText = '';

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {
    this.exited = new Promise<Exit>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        this.exit = { code: child.exitCode, signal: child.signalCode };
        resolve(this.exit);
      } else
        child.once('exit', (code, signal) => {
          this.exit = { code, signal };
          resolve(this.exit);
        });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      // Bounded: only the tail is kept.
      this.stderrText = (this.stderrText + chunk.toString('utf8')).slice(-64 * 1024);
    });
  }

  get alive(): boolean {
    return this.exit === undefined;
  }

  get exitStatus(): Exit | undefined {
    return this.exit;
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** Start `serve` and resolve once it prints its banner (at most `startTimeoutMs`). */
  static start(options: ServeOptions, startTimeoutMs = 30_000): Promise<ServeProcess> {
    const child = spawn(
      process.execPath,
      [
        ...(options.nodeFlags ?? []),
        '--import',
        watchdog(options.maxLifetimeMs ?? 20 * 60_000),
        serveCliPath(),
        'serve',
        '--host',
        '127.0.0.1',
        '--port',
        String(options.port),
        '--db',
        options.dbPath,
        '--project-token',
        options.projectToken,
        '--read-key',
        options.readKey,
        ...(options.grpcPort !== undefined ? ['--grpc-port', String(options.grpcPort)] : []),
      ],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null, signal: string | null) => {
        clearTimeout(timer);
        reject(new Error(`serve exited (${code ?? signal}) before listening: ${stderr.trim()}`));
      };
      const timer = setTimeout(() => {
        child.off('exit', onExit);
        child.kill('SIGKILL');
        reject(new Error(`serve did not start within ${startTimeoutMs} ms: ${stderr.trim()}`));
      }, startTimeoutMs);
      const onStderr = (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-8192));
      child.stderr.on('data', onStderr);
      const onStdout = (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
        if (!url) return;
        clearTimeout(timer);
        child.off('exit', onExit);
        child.stdout.off('data', onStdout);
        child.stderr.off('data', onStderr);
        child.stdout.resume();
        resolve(new ServeProcess(child, url));
      };
      child.stdout.on('data', onStdout);
      child.once('exit', onExit);
    });
  }

  /** Send a signal and wait for the exit (SIGKILL if it is still alive after `graceMs`). */
  async stop(signal: NodeJS.Signals = 'SIGKILL', graceMs = 15_000): Promise<Exit> {
    if (!this.alive) return this.exit!;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
      this.child.stdin?.destroy();
    }
  }
}

/**
 * The launcher: a tiny child that spawns and kills servers on request. Spawning a process
 * blocks the spawning event loop for tens of milliseconds (fork/exec of a big process); the
 * outage scenario measures our event loop, so it spawns through this child instead.
 */
const LAUNCHER = `
import { spawn } from 'node:child_process';
let server;
process.on('message', (message) => {
  if (message.start) {
    server = spawn(process.execPath, message.start, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    server.stdout.on('data', (chunk) => {
      stdout += chunk;
      const url = /listening on (http:\\/\\/\\S+)/.exec(stdout);
      if (url) { process.send({ listening: url[1] }); stdout = ''; }
    });
    let stderr = '';
    server.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4096)));
    server.on('exit', (code, signal) => process.send({ exit: { code, signal }, stderr }));
  } else if (message.kill && server) server.kill(message.kill);
});
process.on('disconnect', () => { server?.kill('SIGKILL'); process.exit(0); });
`;

/** `serve` started and stopped through the launcher child, with the ServeProcess surface. */
export class LaunchedServe {
  private readonly launcher: ChildProcess;
  private exitWaiters: Array<(exit: Exit) => void> = [];
  private listeningWaiter: ((url: string) => void) | undefined;
  private lastExit: Exit | undefined = { code: null, signal: null };
  url = '';

  constructor() {
    this.launcher = spawn(process.execPath, ['--input-type=module', '-e', LAUNCHER], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.launcher.on('message', (message: { listening?: string; exit?: Exit }) => {
      if (message.listening) {
        this.url = message.listening;
        this.lastExit = undefined;
        this.listeningWaiter?.(message.listening);
      }
      if (message.exit) {
        this.lastExit = message.exit;
        for (const waiter of this.exitWaiters.splice(0)) waiter(message.exit);
      }
    });
  }

  get alive(): boolean {
    return this.lastExit === undefined;
  }

  start(options: ServeOptions, startTimeoutMs = 30_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('serve did not start')), startTimeoutMs);
      this.listeningWaiter = (url) => {
        clearTimeout(timer);
        resolve(url);
      };
      this.launcher.send({
        start: [
          '--import',
          watchdog(options.maxLifetimeMs ?? 20 * 60_000),
          serveCliPath(),
          'serve',
          '--host',
          '127.0.0.1',
          '--port',
          String(options.port),
          '--db',
          options.dbPath,
          '--project-token',
          options.projectToken,
          '--read-key',
          options.readKey,
        ],
      });
    });
  }

  stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<Exit> {
    if (!this.alive) return Promise.resolve(this.lastExit!);
    return new Promise((resolve) => {
      this.exitWaiters.push(resolve);
      this.launcher.send({ kill: signal });
    });
  }

  /** Stop the server (if any) and the launcher. */
  async close(): Promise<void> {
    await this.stop('SIGKILL');
    if (this.launcher.connected) this.launcher.disconnect();
  }
}
