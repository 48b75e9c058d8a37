import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Command, InvalidArgumentError } from 'commander';

/**
 * The worker hosts' process (see worker-hosts.ts, which spawns it with workerHostsArgs): one loopback port
 * per host, each request answered after --service-ms with the host's name; prints `ports [...]` once every
 * host listens. Its arguments go through commander, as every command line of the project does.
 */
const whole = (min: number) => (value: string): number => {
  const n = Number(value);
  if (!(Number.isInteger(n) && n >= min)) throw new InvalidArgumentError(`must be a whole number ≥ ${min}, got "${value}"`);
  return n;
};

const program = new Command('worker-hosts')
  .description('Serve the hosts of one pool on loopback ports (spawned by shadowfleet replay, stack --demo and the live A/B test)')
  .requiredOption('--pool <name>', 'pool name; host h<i> answers as <pool>/h<i>')
  .requiredOption('--service-ms <ms>', 'time each request takes (one at a time per host behind HAProxy maxconn 1)', (v) => {
    const n = Number(v);
    if (!(Number.isFinite(n) && n >= 0)) throw new InvalidArgumentError(`must be a number of milliseconds ≥ 0, got "${v}"`);
    return n;
  })
  .requiredOption('--hosts <n>', 'number of hosts', whole(1))
  .action((opts: { pool: string; serviceMs: number; hosts: number }) => {
    const servers: http.Server[] = [];
    let listening = 0;
    for (let i = 0; i < opts.hosts; i++) {
      const name = `${opts.pool}/h${i + 1}`;
      const server = http.createServer((req, res) => {
        if (req.url === '/ready') return void res.end('ok');
        setTimeout(() => {
          res.setHeader('x-served-by', name);
          res.setHeader('content-type', 'text/plain');
          res.end(name);
        }, opts.serviceMs);
      });
      server.keepAliveTimeout = 30_000;
      server.listen(0, '127.0.0.1', () => {
        if (++listening === opts.hosts) process.stdout.write(`ports ${JSON.stringify(servers.map((s) => (s.address() as AddressInfo).port))}\n`);
      });
      servers.push(server);
    }
    process.on('SIGTERM', () => {
      for (const s of servers) s.close();
      setTimeout(() => process.exit(0), 200).unref();
    });
  });

program.parse(process.argv);
