import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { repoRoot, runTool, tempDir } from '../support/index';
import { alertmanagerConfigFile } from './rule-files';

const DOCKER_COMPOSE = '/usr/bin/docker-compose';
const composeFile = path.join(repoRoot, 'docker-compose.yml');
/** Mount sources that are build output, not in the repository. */
const BUILT = new Set(['./plugin/dist']);

interface Service {
  image?: string;
  build?: { context: string; target: string };
  volumes?: string[];
  secrets?: string[];
  ports?: string[];
  environment?: Record<string, string>;
}
interface Compose {
  services: Record<string, Service>;
  secrets: Record<string, { file: string }>;
}

const compose = yaml.load(readFileSync(composeFile, 'utf8')) as Compose;

jest.setTimeout(60_000);

describe('docker-compose.yml (validated offline; no Docker engine runs here)', () => {
  it('passes docker-compose config -q', async () => {
    const r = await runTool(DOCKER_COMPOSE, ['-f', composeFile, 'config', '-q'], { cwd: repoRoot });
    expect({ code: r.code, out: r.stdout + r.stderr }).toEqual({ code: 0, out: '' });
  });

  it('rejects a broken copy (the validation can fail)', async () => {
    const dir = tempDir('compose-negative');
    try {
      const broken = path.join(dir.path, 'docker-compose.yml');
      copyFileSync(composeFile, broken);
      writeFileSync(broken, readFileSync(broken, 'utf8').replace('  webhook-data:\n', ''));
      const r = await runTool(DOCKER_COMPOSE, ['-f', broken, 'config', '-q'], { cwd: dir.path });
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).toContain('webhook-data');
    } finally {
      dir.remove();
    }
  });

  it('runs Prometheus, Alertmanager, Grafana, the exporter and the webhook', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['alertmanager', 'exporter', 'grafana', 'prometheus', 'webhook']);
    expect(compose.services.exporter.build).toEqual({ context: '.', target: 'exporter' });
    expect(compose.services.webhook.build).toEqual({ context: '.', target: 'webhook' });
    const dockerfile = readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM .* AS exporter$/m);
    expect(dockerfile).toMatch(/^FROM .* AS webhook$/m);
    // The exporter derives the actuation delay of its policy previews from these (exporter/src/sim/actuation-delay.ts).
    for (const shipped of ['provisioning/prometheus', 'provisioning/alertmanager', 'provisioning/pools.json']) expect(dockerfile).toMatch(new RegExp(`^COPY ${shipped} ${shipped}$`, 'm'));
  });

  it('mounts configuration that exists in the repository (plugin/dist is build output)', () => {
    const sources = Object.values(compose.services)
      .flatMap((s) => s.volumes ?? [])
      .map((v) => v.split(':')[0])
      .filter((src) => src.startsWith('./') && !BUILT.has(src));
    expect(sources).toEqual(expect.arrayContaining(['./provisioning/prometheus/prometheus.yml', './provisioning/alertmanager/alertmanager.yml', './provisioning/webhook/webhook.json', './provisioning/grafana']));
    for (const src of sources) expect({ src, exists: existsSync(path.join(repoRoot, src)) }).toEqual({ src, exists: true });
  });

  it('mounts the Grafana app plugin under its id, allows it unsigned, and provisions it', () => {
    const pluginId = (JSON.parse(readFileSync(path.join(repoRoot, 'plugin', 'src', 'plugin.json'), 'utf8')) as { id: string }).id;
    const grafana = compose.services.grafana;
    expect(grafana.volumes).toEqual(expect.arrayContaining([`./plugin/dist:/var/lib/grafana/plugins/${pluginId}:ro`, './provisioning/grafana:/etc/grafana/provisioning:ro']));
    expect(grafana.environment?.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS).toBe(pluginId);
    const apps = yaml.load(readFileSync(path.join(repoRoot, 'provisioning', 'grafana', 'plugins', 'shadowfleet.yaml'), 'utf8')) as { apps: Array<{ type: string; jsonData: { exporterUrl: string } }> };
    expect(apps.apps[0]).toMatchObject({ type: pluginId, jsonData: { exporterUrl: 'http://exporter:9464' } });
  });

  it('gives Alertmanager the webhook token as a secret at the path its config reads, committing none', () => {
    const am = readFileSync(alertmanagerConfigFile, 'utf8');
    expect(compose.services.alertmanager.secrets).toEqual(['webhook_token']);
    expect(compose.services.webhook.secrets).toEqual(['webhook_token']);
    expect(am).toContain('credentials_file: /run/secrets/webhook_token');
    expect(compose.secrets.webhook_token.file).toBe('./secrets/webhook-token');
    expect(compose.services.webhook.environment?.SHADOWFLEET_WEBHOOK_TOKEN_FILE).toBe('/run/secrets/webhook_token');
    expect(readFileSync(path.join(repoRoot, '.gitignore'), 'utf8').split('\n')).toContain('secrets/');
  });

  it('gives the webhook a configuration its own --check accepts', async () => {
    const r = await runTool(process.execPath, [path.join(repoRoot, 'alertmanager-webhook', 'bin', 'shadowfleet-webhook.js'), '--check', '--config', path.join(repoRoot, 'provisioning', 'webhook', 'webhook.json')], {
      env: { ...process.env, SHADOWFLEET_WEBHOOK_TOKEN: 'check-only-token-0123456789' },
    });
    expect({ code: r.code, out: r.stdout + r.stderr }).toEqual({ code: 0, out: expect.stringContaining('configuration is valid: 1 pool(s)') });
  });

  it('has Prometheus scrape the exporter and the webhook by their compose service names and ports', () => {
    const prom = yaml.load(readFileSync(path.join(repoRoot, 'provisioning', 'prometheus', 'prometheus.yml'), 'utf8')) as {
      scrape_configs: Array<{ job_name: string; static_configs: Array<{ targets: string[] }> }>;
    };
    const targets = Object.fromEntries(prom.scrape_configs.map((j) => [j.job_name, j.static_configs[0].targets[0]]));
    expect(targets['shadowfleet-exporter']).toBe('exporter:9464');
    expect(targets['shadowfleet-webhook']).toBe('webhook:9095');
    expect(compose.services.exporter.ports).toContain('9464:9464');
    expect(compose.services.webhook.ports).toContain('9095:9095');
  });
});
