import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { provisioningDir, runTool, tempDir } from '../support/index';

const PROMTOOL = '/usr/bin/promtool';
const promDir = path.join(provisioningDir, 'prometheus');
const ruleFiles = readdirSync(path.join(promDir, 'rules'))
  .filter((f) => f.endsWith('.yml'))
  .map((f) => path.join(promDir, 'rules', f));
const ruleTests = readdirSync(path.join(promDir, 'tests'))
  .filter((f) => f.endsWith('.test.yml'))
  .map((f) => path.join(promDir, 'tests', f));

jest.setTimeout(60_000);

describe('provisioning/prometheus', () => {
  it('has rule files and rule unit tests', () => {
    expect(ruleFiles.map((f) => path.basename(f)).sort()).toEqual(['shadowfleet-scaling.yml']);
    expect(ruleTests.length).toBeGreaterThan(0);
  });

  it('writes no capacity or host number into a rule: every number comes from the exporter (the pool model)', () => {
    for (const file of ruleFiles) expect(readFileSync(file, 'utf8')).not.toMatch(/vector\([0-9]/);
  });

  it('passes promtool check rules', async () => {
    const r = await runTool(PROMTOOL, ['check', 'rules', ...ruleFiles]);
    expect({ code: r.code, out: r.stdout + r.stderr }).toMatchObject({ code: 0 });
    expect(r.stdout).toContain('SUCCESS: 17 rules found');
  });

  it('passes its promtool rule unit tests', async () => {
    const r = await runTool(PROMTOOL, ['test', 'rules', ...ruleTests], { cwd: path.join(promDir, 'tests') });
    expect({ code: r.code, out: r.stdout + r.stderr }).toEqual({ code: 0, out: expect.stringContaining('SUCCESS') });
  });

  it('reports a failing rule unit test as a failure (the check can fail)', async () => {
    const dir = tempDir('promtool-negative');
    try {
      const broken = path.join(dir.path, 'broken.test.yml');
      const scaling = path.join(promDir, 'rules', 'shadowfleet-scaling.yml');
      writeFileSync(
        broken,
        yaml.dump({
          rule_files: [scaling],
          evaluation_interval: '1m',
          tests: [
            {
              interval: '1m',
              // The pool already has the target: a test expecting a set-point must fail.
              input_series: [
                { series: 'shadowfleet_desired_serving_hosts{pool="web", tier="2"}', values: '3x10' },
                { series: 'shadowfleet_webhook_pool_units{pool="web", state="active"}', values: '3x10' },
              ],
              alert_rule_test: [{ eval_time: '5m', alertname: 'ShadowfleetSetHosts', exp_alerts: [{ exp_labels: { pool: 'web' } }] }],
            },
          ],
        }),
      );
      const r = await runTool(PROMTOOL, ['test', 'rules', broken]);
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).toContain('FAILED');
    } finally {
      dir.remove();
    }
  });

  it('prometheus.yml passes promtool check config with the shipped rule files', async () => {
    const config = yaml.load(readFileSync(path.join(promDir, 'prometheus.yml'), 'utf8')) as { rule_files: string[] };
    expect(config.rule_files).toEqual(['/etc/prometheus/rules/*.yml']);
    const dir = tempDir('promtool-config');
    try {
      // The compose file mounts rules/ at /etc/prometheus/rules; here the same files are referenced in place.
      const file = path.join(dir.path, 'prometheus.yml');
      writeFileSync(file, yaml.dump({ ...config, rule_files: [path.join(promDir, 'rules', '*.yml')] }));
      const r = await runTool(PROMTOOL, ['check', 'config', file]);
      expect({ code: r.code, out: r.stdout + r.stderr }).toMatchObject({ code: 0 });
      expect(r.stdout).toContain('SUCCESS: 17 rules found');
    } finally {
      dir.remove();
    }
  });
});
