import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { HAPROXY_BIN } from '@shadowfleet/haproxy-runtime/testing';
import { loadConfig } from '../config';
import { repoRoot } from '../paths';
import { DEFAULT_POOLS_FILE, loadPoolModel } from '../pools/load';
import { DEFAULT_PRIORITY_MAP_FILE, haproxyPriorityLines } from './haproxy-lines';

const shippedDir = path.join(repoRoot, 'provisioning', 'haproxy');
const shipped = readFileSync(path.join(shippedDir, 'haproxy.cfg'), 'utf8');
const lines = shipped.split('\n').map((l) => l.trim());

/** provisioning/haproxy/haproxy.cfg: the lines the exporter's code expects, the pool model's names, valid for HAProxy 2.6. */
describe('the shipped haproxy.cfg', () => {
  it('carries, between its markers, the priority lines for the default user identity and map file', () => {
    const identity = loadConfig({}).userIdentity;
    const block = lines.slice(lines.indexOf('# shadowfleet: begin priority lines') + 1, lines.indexOf('# shadowfleet: end priority lines'));
    expect(block).toEqual(haproxyPriorityLines(identity, DEFAULT_PRIORITY_MAP_FILE));
    expect(lines).toContain('timeout queue 10s');
  });

  it("names the pool model's socket, backend and servers, each server with a maxconn so that requests queue", () => {
    const web = loadPoolModel(DEFAULT_POOLS_FILE).pools.web;
    const options = web.options as { socket: string; backend: string; servers: string[] };
    expect(lines.some((l) => l.startsWith(`stats socket ${options.socket} `))).toBe(true);
    const backend = shipped.split(/^backend /m).find((b) => b.startsWith(`${options.backend}\n`)) ?? '';
    const servers = [...backend.matchAll(/^\s*server (\S+) \S+(.*)$/gm)];
    expect(servers.map((s) => s[1])).toEqual(options.servers);
    for (const s of servers) expect(s[2]).toMatch(/\bmaxconn \d+/);
  });

  it('looks the client address up first when events fall back to it, and the cookie still decides when present', () => {
    const identity = loadConfig({}).userIdentity;
    const [fallback, bySource, byCookie] = haproxyPriorityLines(identity, DEFAULT_PRIORITY_MAP_FILE, true);
    expect(fallback).toBe('http-request set-priority-class int(5)');
    expect(bySource).toBe(`http-request set-priority-class src,map_str_int(${DEFAULT_PRIORITY_MAP_FILE},5)`);
    expect(byCookie).toBe(haproxyPriorityLines(identity, DEFAULT_PRIORITY_MAP_FILE)[1]);
    expect(haproxyPriorityLines('source', DEFAULT_PRIORITY_MAP_FILE, true)).toEqual(haproxyPriorityLines('source', DEFAULT_PRIORITY_MAP_FILE));
  });

  it('with one map per shard, looks each up without a default (users are disjoint: a miss leaves the class)', () => {
    expect(haproxyPriorityLines({ cookie: 'sf_uid' }, ['/m/0.map', '/m/1.map'])).toEqual([
      'http-request set-priority-class int(5)',
      'http-request set-priority-class req.cook(sf_uid),map_str_int(/m/0.map)',
      'http-request set-priority-class req.cook(sf_uid),map_str_int(/m/1.map)',
    ]);
  });

  it.each([
    ['as shipped', false],
    ['with the client-address fallback', true],
  ])('passes haproxy -c %s (with the shipped, empty map file in place of /etc/haproxy)', async (_name, userFromSource) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-shipped-haproxy-'));
    try {
      const file = path.join(dir, 'haproxy.cfg');
      const begin = lines.indexOf('# shadowfleet: begin priority lines');
      const end = lines.indexOf('# shadowfleet: end priority lines');
      const block = haproxyPriorityLines(loadConfig({}).userIdentity, DEFAULT_PRIORITY_MAP_FILE, userFromSource).map((l) => `  ${l}`);
      const text = [...shipped.split('\n').slice(0, begin + 1), ...block, ...shipped.split('\n').slice(end)].join('\n');
      writeFileSync(file, text.split(DEFAULT_PRIORITY_MAP_FILE).join(path.join(shippedDir, 'shadowfleet-priority.map')));
      const { stdout, stderr } = await promisify(execFile)(HAPROXY_BIN, ['-c', '-f', file]);
      expect(`${stdout}${stderr}`).toContain('Configuration file is valid');
      expect(stderr).not.toMatch(/WARNING|ALERT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
