// A loopback HTTP sink in its own process, so what it costs to accept requests never counts
// against the SDK being measured. Accepts any POST with 200, counts requests and body bytes.
// Run as a child (`startSink()`); it exits when its parent goes away.
import { fork } from 'node:child_process';
import { createServer } from 'node:http';

const OK_JSON = Buffer.from('{}');

function serve() {
  let requests = 0;
  let bytes = 0;
  const server = createServer((request, response) => {
    let size = 0;
    request.on('data', (chunk) => (size += chunk.length));
    request.on('end', () => {
      requests++;
      bytes += size;
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': OK_JSON.length,
      });
      response.end(OK_JSON);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    process.send({ type: 'ready', port: server.address().port });
  });
  process.on('message', (message) => {
    if (message === 'stats') process.send({ type: 'stats', requests, bytes });
    else if (message === 'reset') {
      requests = 0;
      bytes = 0;
      process.send({ type: 'reset' });
    }
  });
  process.on('disconnect', () => process.exit(0));
}

/** Start a sink process; resolves with its URL and a way to read its counters. */
export function startSink() {
  const child = fork(new URL(import.meta.url).pathname, ['--serve'], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    execArgv: [],
  });
  const next = (type) =>
    new Promise((resolve, reject) => {
      const onMessage = (message) => {
        if (message?.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message);
      };
      const onExit = (code) => reject(new Error(`sink exited with ${code}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  return next('ready').then(({ port }) => ({
    url: `http://127.0.0.1:${port}`,
    /** Requests and body bytes received since the last reset. */
    stats: () => {
      const answer = next('stats');
      child.send('stats');
      return answer;
    },
    reset: () => {
      const answer = next('reset');
      child.send('reset');
      return answer;
    },
    close: () => {
      child.kill('SIGTERM');
      return new Promise((resolve) =>
        child.exitCode === null ? child.once('exit', resolve) : resolve(),
      );
    },
  }));
}

if (process.argv.includes('--serve')) serve();
