/** A loopback HTTP server that reads each body, discards it, and answers 200 only after a delay. */
import { createServer, type Server } from 'node:http';

export interface SlowServer {
  url: string;
  requests: () => number;
  close(): Promise<void>;
}

export async function startSlowServer(delayMs: number): Promise<SlowServer> {
  let requests = 0;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const server: Server = createServer((request, response) => {
    requests++;
    request.resume();
    request.on('end', () => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":1}');
      }, delayMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
