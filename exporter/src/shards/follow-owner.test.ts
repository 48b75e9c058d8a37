import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger } from '@shadowfleet/service-kit';
import { followOwner, ownerProfiles } from './profiles';

/** A stand-in for shard 0's GET /v1/shard/profiles (the ETag logic is tested on the real route in profiles.test.ts). */
async function ownerServer(): Promise<{ server: Server; url: string; setBuiltAt(ms: number): void }> {
  let builtAt = 1000;
  const server = createServer((req, res) => {
    const tag = `"model-${builtAt}"`;
    if (req.headers['if-none-match'] === tag) return void res.writeHead(304, { etag: tag }).end();
    res.writeHead(200, { 'content-type': 'application/json', etag: tag }).end(JSON.stringify({ shard: 0, model: { builtAt, profiles: [] } }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, setBuiltAt: (ms) => void (builtAt = ms) };
}

describe('followOwner: a shard other than 0 takes each new model of shard 0', () => {
  it('reassigns when the model changes, retries a failed reassignment at the next check, and leaves an unchanged model alone', async () => {
    const owner = await ownerServer();
    try {
      let tick: () => unknown = () => undefined;
      const results: Array<'fail' | 'ok'> = ['fail', 'ok'];
      const rebuilds: number[] = [];
      const client = ownerProfiles(owner.url, undefined);
      const service = {
        rebuild: async () => {
          rebuilds.push(client.latest!.builtAt);
          if (results.shift() === 'fail') throw new Error('no events in the store yet');
          return {} as never;
        },
      };
      followOwner(service, client, 1000, (fn) => ((tick = fn), () => undefined), silentLogger());
      const step = async (): Promise<void> => void (await tick());
      await step(); // new model: reassign (fails)
      await step(); // unchanged (304) but not taken yet: retried, succeeds
      await step(); // unchanged and taken: nothing
      expect(rebuilds).toEqual([1000, 1000]);
      owner.setBuiltAt(2000);
      await step(); // shard 0 rebuilt: reassign
      expect(rebuilds).toEqual([1000, 1000, 2000]);
    } finally {
      owner.server.close();
    }
  });
});
