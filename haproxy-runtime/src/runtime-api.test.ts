import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backendStats, isDraining, isMaint, isServing, parseCurrentSessions, parseServersState, parseShowStat, readShowStat, runtimeCommand, runtimeCommands, type ServerState } from './index';
import { startTestHaproxy, type TestHaproxy } from './testing';

/** The one test of the runtime API client against the real (Debian) HAProxy, as .ci/run installs it. */
describe('HAProxy runtime API against a real HAProxy', () => {
  let dir: string;
  let admin: string;
  let haproxy: TestHaproxy | undefined;
  const state = async (): Promise<Record<string, ServerState>> =>
    Object.fromEntries(parseServersState(await runtimeCommand(admin, 'show servers state pool'), 'pool').map((s) => [s.name, s]));

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sf-haproxy-runtime-'));
    admin = path.join(dir, 'admin.sock');
    const config = [
      'global',
      `  stats socket ${admin} mode 600 level admin`,
      'defaults',
      '  mode http',
      '  timeout connect 1s',
      '  timeout client 1s',
      '  timeout server 1s',
      'backend pool',
      // No health checks: a server that is not in maintenance is "running" whether or not it listens.
      '  server a 127.0.0.1:9 maxconn 10',
      '  server b 127.0.0.1:9 maxconn 10',
      '  server s 127.0.0.1:9 maxconn 10 disabled',
      'backend other',
      '  server o 127.0.0.1:9',
      '',
    ].join('\n');
    haproxy = await startTestHaproxy(path.join(dir, 'haproxy.cfg'), config, admin);
  });

  afterAll(async () => {
    await haproxy?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a config-disabled server as maintenance (CMAINT|FMAINT = 0x05) and the others as serving', async () => {
    const s = await state();
    expect(Object.keys(s)).toEqual(['a', 'b', 's']);
    expect(s.s).toMatchObject({ adminState: 0x05, inMaintenance: true });
    expect([isMaint(s.s), isDraining(s.s), isServing(s.s)]).toEqual([true, false, false]);
    expect([isMaint(s.a), isDraining(s.a), isServing(s.a)]).toEqual([false, false, true]);
  });

  it('follows state changes: ready, drain, maint (several commands on one line with runtimeCommands)', async () => {
    expect((await runtimeCommands(admin, ['set server pool/s state ready', 'set server pool/b state drain'])).trim()).toBe('');
    let s = await state();
    expect([isServing(s.s), isDraining(s.b), isMaint(s.b)]).toEqual([true, true, false]);
    expect((await runtimeCommands(admin, ['set server pool/b state maint', 'set server pool/s state maint'])).trim()).toBe('');
    s = await state();
    expect([isMaint(s.b), isMaint(s.s), isServing(s.a)]).toEqual([true, true, true]);
    await runtimeCommands(admin, ['set server pool/b state ready', 'set server pool/s state ready']);
  });

  it('parses show stat: per-backend servers, limits and per-server sessions', async () => {
    await runtimeCommand(admin, 'set server pool/s state maint');
    const csv = await readShowStat(admin);
    const pool = backendStats(parseShowStat(csv)).find((b) => b.backend === 'pool');
    expect(pool).toMatchObject({ servers: 3, activeServers: 2, sessions: 0, sessionLimit: 30, utilisation: 0 });
    expect([...parseCurrentSessions(csv, 'pool')]).toEqual([['a', 0], ['b', 0], ['s', 0]]);
  });

  it('throws HAProxy\'s answer when show servers state names an unknown backend', async () => {
    const answer = await runtimeCommand(admin, 'show servers state nosuch');
    expect(() => parseServersState(answer, 'nosuch')).toThrow(/HAProxy answered ".*" to show servers state nosuch/);
  });

  it.each([
    ['a newline', 'show info\nshutdown frontend x'],
    ['a carriage return', 'show info\rshutdown frontend x'],
    ["a ';'", 'set server pool/a state ready; shutdown sessions server pool/a'],
  ])('refuses a command with %s (it would run a command the caller did not name)', async (_what, command) => {
    await expect(runtimeCommand(admin, command)).rejects.toThrow("refusing an HAProxy runtime command with a newline or ';'");
    await expect(runtimeCommands(admin, ['show info', command])).rejects.toThrow("refusing an HAProxy runtime command with a newline or ';'");
  });

  it('refuses an empty command list', async () => {
    await expect(runtimeCommands(admin, [])).rejects.toThrow('runtimeCommands needs at least one command');
  });

  it('names the socket when it cannot connect', async () => {
    await expect(runtimeCommand(path.join(dir, 'missing.sock'), 'show info')).rejects.toThrow(/cannot reach HAProxy runtime API at .*missing\.sock/);
  });

  it('rejects a call whose signal is aborted', async () => {
    const aborted = AbortSignal.abort();
    await expect(runtimeCommand(admin, 'show info', { signal: aborted })).rejects.toThrow('HAProxy runtime API command "show info" aborted');
  });
});
