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

  it('passes haproxy -c (with the shipped, empty map file in place of /etc/haproxy)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-shipped-haproxy-'));
    try {
      const file = path.join(dir, 'haproxy.cfg');
      writeFileSync(file, shipped.split(DEFAULT_PRIORITY_MAP_FILE).join(path.join(shippedDir, 'shadowfleet-priority.map')));
      const { stdout, stderr } = await promisify(execFile)(HAPROXY_BIN, ['-c', '-f', file]);
      expect(`${stdout}${stderr}`).toContain('Configuration file is valid');
      expect(stderr).not.toMatch(/WARNING|ALERT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
