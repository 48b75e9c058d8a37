import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { replaceMap, runtimeCommand, runtimeCommandWithPayload, showMap } from './index';
import { startTestHaproxy, type TestHaproxy } from './testing';

/** Map replacement against the real (Debian) HAProxy: prepare, payload chunks, commit. */
describe('HAProxy maps over the runtime API', () => {
  let dir: string;
  let socket: string;
  let map: string;
  let haproxy: TestHaproxy | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sf-haproxy-maps-'));
    socket = path.join(dir, 'admin.sock');
    map = path.join(dir, 'priority.map');
    writeFileSync(map, '# loaded at start\nalice 0\n');
    const config = [
      'global',
      // Map writes need level operator (admin also works); level user is refused.
      `  stats socket ${socket} mode 600 level operator`,
      'defaults',
      '  mode http',
      '  timeout connect 1s',
      '  timeout client 1s',
      '  timeout server 1s',
      'frontend entry',
      `  bind unix@${path.join(dir, 'entry.sock')}`,
      `  http-request set-priority-class req.hdr(x-user),map_str_int(${map},5)`,
      '  default_backend app',
      'backend app',
      '  server a 127.0.0.1:9',
      '',
    ].join('\n');
    haproxy = await startTestHaproxy(path.join(dir, 'haproxy.cfg'), config, socket);
  });

  afterAll(async () => {
    await haproxy?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the map loaded from its file', async () => {
    expect(await showMap(socket, map)).toEqual([{ key: 'alice', value: '0' }]);
  });

  it('replaces every entry atomically, in several payload chunks when the list exceeds the CLI buffer', async () => {
    const entries = Array.from({ length: 3000 }, (_, i) => [`user-${String(i).padStart(5, '0')}`, String(i % 11)] as const);
    const r = await replaceMap(socket, map, entries);
    expect(r.entries).toBe(3000);
    expect(r.calls).toBeGreaterThan(1);
    const held = await showMap(socket, map);
    expect(held).toHaveLength(3000);
    expect(held.find((e) => e.key === 'alice')).toBeUndefined();
    expect(held.find((e) => e.key === 'user-02999')).toEqual({ key: 'user-02999', value: String(2999 % 11) });
  });

  it('commits an empty map for an empty list', async () => {
    await replaceMap(socket, map, []);
    expect(await showMap(socket, map)).toEqual([]);
  });

  it.each([
    ['a space in a key', ['bad key', '1'], /not one word/],
    ['a ; in a key', ['a;show info', '1'], /not one word/],
    ['a leading # (a comment in the file)', ['#x', '1'], /not one word/],
    ['an empty value', ['k', ''], /not one word/],
  ])('refuses %s before sending anything', async (_name, entry, error) => {
    await replaceMap(socket, map, [['kept', '3']]);
    await expect(replaceMap(socket, map, [entry as [string, string]])).rejects.toThrow(error);
    expect(await showMap(socket, map)).toEqual([{ key: 'kept', value: '3' }]);
  });

  it("names HAProxy's answer for an unknown map", async () => {
    await expect(showMap(socket, path.join(dir, 'nope.map'))).rejects.toThrow(/has no map .*Unknown map identifier/);
    await expect(replaceMap(socket, path.join(dir, 'nope.map'), [['a', '1']])).rejects.toThrow(/refused "prepare map/);
  });

  it('refuses payload lines that would end the payload or start another command, and requests over the buffer', async () => {
    await expect(runtimeCommandWithPayload(socket, 'add map #0', [''])).rejects.toThrow(/empty HAProxy payload line/);
    await expect(runtimeCommandWithPayload(socket, 'add map #0', ['a 1\nshow info'])).rejects.toThrow(/newline or ';'/);
    await expect(runtimeCommandWithPayload(socket, 'add map #0', ['k '.padEnd(17_000, 'v')])).rejects.toThrow(/exceeds the CLI buffer/);
    expect(await runtimeCommand(socket, 'show info')).toContain('Name: HAProxy');
  });
});
