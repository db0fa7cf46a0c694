// A keep-alive HTTP/1.1 client on node:http: lighter than fetch, so the load generator takes
// as little as possible of the CPU it shares with the server.
import { Agent, request } from 'node:http';

export function createClient(baseUrl, { connections = 8 } = {}) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port } = new URL(baseUrl);
  const send = (method, path, headers, body) =>
    new Promise((resolve, reject) => {
      const req = request({ agent, hostname, port, method, path, headers }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode, body: Buffer.concat(chunks) }),
        );
        response.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  return {
    post: (path, headers, body) =>
      send('POST', path, { ...headers, 'content-length': body.length }, body),
    get: (path, headers) => send('GET', path, headers),
    close: () => agent.destroy(),
  };
}
