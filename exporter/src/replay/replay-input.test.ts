import net from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HAPROXY, requireBinary } from '../stack/binaries';
import { sampleDataDir } from '../paths';
import { drive, ReplayFellBehind } from './drive';
import type { HostAgent } from '../hosts/host-agent';
import type { ReplayHaproxy } from './haproxy';
import { parseReplayFlags, REPLAY_DEFAULTS } from './options';
import { checkPortsFree, replayPorts } from './ports';
import { silentProgress } from '../progress';

const NASA = path.join(sampleDataDir, 'nasa-http-rate', 'nasa_1995-07-01_to_03_requests_per_minute.csv.gz');
const flags = (over: Record<string, string | undefined>) => ({ ...REPLAY_DEFAULTS, trace: NASA, ...over });

describe('shadowfleet replay: bad input is a clear error before anything starts', () => {
  it('names the trace it cannot read', () => {
    expect(() => parseReplayFlags(flags({ trace: '/nonexistent/trace.csv' }))).toThrow('--trace /nonexistent/trace.csv: cannot read it (ENOENT)');
  });

  it('rejects a trace that is not a per-minute trace, naming the file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-replay-'));
    try {
      const file = path.join(dir, 'bad.csv');
      writeFileSync(file, 'hello,world\nnot,numbers\n');
      expect(() => parseReplayFlags(flags({ trace: file }))).toThrow(file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a speed the decision interval cannot follow, listing the speeds that work', () => {
    expect(() => parseReplayFlags(flags({ speed: '120' }))).toThrow('--speed must divide 60');
    expect(() => parseReplayFlags(flags({ speed: '7' }))).toThrow('1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60, got 7');
  });

  it('rejects a slice outside the trace and a start given twice', () => {
    expect(() => parseReplayFlags(flags({ hours: '100' }))).toThrow('fewer than --hours asks for (6000)');
    expect(() => parseReplayFlags(flags({ from: '2001-01-01T00:00:00Z' }))).toThrow('--from 2001-01-01T00:00:00Z is after the trace');
    expect(() => parseReplayFlags(flags({ from: '1995-07-02T00:00:00Z', offsetHours: '2' }))).toThrow('at most one of --from and --offset-hours');
  });

  it('takes the slice from --from with the warm-up hours before it', () => {
    const p = parseReplayFlags(flags({ from: '1995-07-02T12:00:00-04:00', hours: '1', warmHours: '2' }));
    expect(p.slice).toMatchObject({ minutes: 60, warmMinutes: 120, startMs: Date.parse('1995-07-02T12:00:00-04:00') });
    expect(p.slice.requests).toHaveLength(180);
  });

  it('names the Debian package of a missing binary', () => {
    expect(() => requireBinary(HAPROXY, '')).toThrow('HAProxy is not installed (looked for haproxy on PATH). Install it — Debian/Ubuntu: sudo apt-get install -y --no-install-recommends haproxy');
  });

  it('names a port in use and the flag that moves the ports', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      await expect(checkPortsFree({ ...replayPorts(40000), webhook: port })).rejects.toThrow(`port ${port} (for webhook) is in use; stop what uses it or give --port-base`);
    } finally {
      server.close();
    }
  });

  it('says it fell behind, with no numbers, when the replay cannot keep to its clock', async () => {
    // The slice's first minute is already 3 s late when the run starts: the machine is behind the speed asked for.
    const idle = { poll: async () => undefined } as unknown as HostAgent;
    const lb = { url: 'http://127.0.0.1:1', command: async () => '' } as unknown as ReplayHaproxy;
    const run = drive({ haproxy: lb, backend: 'web', agent: idle, exporterUrl: 'http://127.0.0.1:1', token: 't', requests: [0, 0], counts: [0, 0], t0: Date.now() - 3000, stepMs: 1000, speed: 60, settleMs: 0, progress: silentProgress });
    await expect(run).rejects.toBeInstanceOf(ReplayFellBehind);
    await expect(run).rejects.toThrow(/fell behind at speed 60 .*no numbers are reported/);
  });
});
