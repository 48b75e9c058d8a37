import http from 'node:http';
import { Command, InvalidArgumentError } from 'commander';

/**
 * A test worker host (started by startWorker in workers.ts): answers every request with its own name in the
 * body and in `x-served-by`, and GET /served with how many it served. Options parsed by commander.
 */
new Command('test-worker')
  .requiredOption('--name <name>', 'the name it answers with')
  .requiredOption('--port <port>', 'loopback port to listen on', (v) => {
    const n = Number(v);
    if (!(Number.isInteger(n) && n > 0 && n < 65536)) throw new InvalidArgumentError(`must be a port number 1…65535, got "${v}"`);
    return n;
  })
  .action(({ name, port }: { name: string; port: number }) => {
    let served = 0;
    const server = http.createServer((req, res) => {
      if (req.url === '/served') return void res.end(String(served));
      served += 1;
      res.setHeader('x-served-by', name);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ server: name, served }));
    });
    server.listen(port, '127.0.0.1');
    process.on('SIGTERM', () => server.close(() => process.exit(0)));
  })
  .parse(process.argv);
