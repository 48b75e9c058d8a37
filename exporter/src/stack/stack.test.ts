import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALERTMANAGER, findBinary } from './binaries';
import { COMPOSE_TOKEN_FILE, COMPOSE_WEBHOOK_URL, localAlertmanagerConfig, localPrometheusConfig, shippedRulesGlob } from './configs';

describe('local stack configuration', () => {
  it('points the shipped alertmanager.yml at the local webhook and token file', () => {
    const text = localAlertmanagerConfig('http://127.0.0.1:19095/webhook', '/tmp/x/webhook-token');
    expect(text).toContain('url: http://127.0.0.1:19095/webhook');
    expect(text).toContain('credentials_file: /tmp/x/webhook-token');
    expect(text).not.toContain(COMPOSE_WEBHOOK_URL);
    expect(text).not.toContain(COMPOSE_TOKEN_FILE);
    expect(text).toContain('send_resolved: true');
  });

  it('refuses a shipped config that no longer has the compose webhook URL, naming what to update', () => {
    expect(() => localAlertmanagerConfig('http://x/webhook', '/t', 'route: {}\n')).toThrow(`no longer contains "${COMPOSE_WEBHOOK_URL}"`);
  });

  it('writes a Prometheus config with the shipped rules and only the parts that run', () => {
    const config = JSON.parse(localPrometheusConfig({ exporter: '127.0.0.1:1', prometheus: '127.0.0.1:2' })) as {
      rule_files: string[];
      alerting?: unknown;
      scrape_configs: Array<{ job_name: string }>;
    };
    expect(config.rule_files).toEqual([shippedRulesGlob]);
    expect(config.alerting).toBeUndefined();
    expect(config.scrape_configs.map((j) => j.job_name)).toEqual(['shadowfleet-exporter', 'prometheus']);
  });

  it('finds Alertmanager under either of its names on PATH, and nothing on an empty PATH', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-bin-'));
    try {
      const bin = path.join(dir, 'alertmanager');
      writeFileSync(bin, '#!/bin/sh\n');
      chmodSync(bin, 0o755);
      expect(findBinary(ALERTMANAGER, dir)).toBe(bin);
      expect(findBinary(ALERTMANAGER, '')).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
