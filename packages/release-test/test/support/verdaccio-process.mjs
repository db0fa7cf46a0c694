// Runs Verdaccio in its own process (killable, its logs kept apart from the test's) from a
// config file, on 127.0.0.1 and a port picked by the system, and reports the address on
// stdout once it listens: `verdaccio listening on http://127.0.0.1:PORT/`. Exits on SIGTERM,
// SIGINT, or when its stdin closes.
import verdaccio from 'verdaccio';

const [configPath] = process.argv.slice(2);
if (!configPath) {
  console.error('usage: node verdaccio-process.mjs CONFIG_PATH');
  process.exit(2);
}

const server = await verdaccio.runServer(configPath);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`verdaccio listening on http://127.0.0.1:${port}/`);
});
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
// The test holds our stdin open: when it ends (the test process died), so do we.
process.stdin.on('end', stop);
process.stdin.resume();
