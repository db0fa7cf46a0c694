// `startServer` in its own process (the load generator must not share its event loop), mapping
// with every integration, as `serve` does. Reports its URL and
// credentials over IPC; closes (draining writes) on `close` or when the parent goes away.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileExecArgv } from './child.mjs';

/**
 * Generations `from`…`to` written through the server's own store, as the capture endpoint
 * writes them (priced, the default project), without HTTP and JSON in between: the way to
 * fill a store with a million events in a bounded time.
 */
async function loadDirect(server, price, from, to) {
  const { generation } = await import('./synthetic-events.mjs');
  const project = server.projects[0].id;
  const BATCH = 5_000;
  for (let start = from; start < to; start += BATCH) {
    const insert = [];
    for (let index = start; index < Math.min(to, start + BATCH); index++)
      insert.push({ project, event: price(generation(index)) });
    await server.store.write({ insert });
  }
}

/** `duckdb` (the default) or `chdb`: the store the server child opens in its temp dir. */
function storeUrl(store, dir) {
  return store === 'chdb' ? `chdb:${join(dir, 'chdb')}` : `duckdb:${join(dir, 'bench.duckdb')}`;
}

async function serve(store) {
  const { startServer } = await import('@llm-analytics/server');
  const { createPricer } = await import('@llm-analytics/core/pricing');
  const dir = mkdtempSync(join(tmpdir(), 'llm-analytics-bench-'));
  const server = await startServer({
    port: 0,
    storeUrl: storeUrl(store, dir),
    projectToken: 'phc_bench',
    readKey: 'phx_bench',
  });
  let closing;
  const close = () =>
    (closing ??= server
      .close()
      .finally(() => rmSync(dir, { recursive: true, force: true }))
      .then(() => process.exit(0)));
  const price = createPricer();
  process.on('message', (message) => {
    if (message === 'close') close();
    else if (message === 'cpu') process.send({ type: 'cpu', usage: process.cpuUsage() });
    else if (message?.type === 'load')
      loadDirect(server, price, message.from, message.to).then(
        () => process.send({ type: 'loaded' }),
        (error) => process.send({ type: 'load-failed', message: String(error?.stack ?? error) }),
      );
  });
  process.on('disconnect', close);
  process.send({ type: 'ready', url: server.url, token: 'phc_bench', readKey: 'phx_bench' });
}

/** Start the server child over `store`; resolves with `{ url, token, readKey, close() }`. */
export function startServerChild(store = 'duckdb') {
  const child = fork(new URL(import.meta.url).pathname, ['--serve', store], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    execArgv: profileExecArgv('server'),
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    child.on('message', (message) => {
      if (message?.type !== 'ready') return;
      const request = (send, type) =>
        new Promise((done, fail) => {
          const onMessage = (reply) => {
            if (reply?.type === 'load-failed') fail(new Error(reply.message));
            if (reply?.type !== type && reply?.type !== 'load-failed') return;
            child.off('message', onMessage);
            done(reply);
          };
          child.on('message', onMessage);
          child.send(send);
        });
      resolve({
        ...message,
        /** Write generations `from`…`to` through the store directly. */
        load: (from, to) => request({ type: 'load', from, to }, 'loaded'),
        /** The server process's CPU time so far (`process.cpuUsage()`). */
        cpuUsage: () => request('cpu', 'cpu').then((reply) => reply.usage),
        close: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', done);
            child.send('close');
          }),
      });
    });
  });
}

const serveAt = process.argv.indexOf('--serve');
if (serveAt >= 0) await serve(process.argv[serveAt + 1]);
