import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { loadConfig as loadWebhookConfig } from '@shadowfleet/alertmanager-webhook';
import { loadConfig as loadExporterConfig } from '@shadowfleet/exporter';
import { parsePoolModel } from '@shadowfleet/models';
import { runTool, tempDir } from '../support/index';
import { deployDir, generateAll, generatedDir, names, parseMatcher, render } from './generate';
import { materialisePod, type PodTemplate } from './pod-files';
import { loadManifests, schemaFindings, unknownFieldFindings, type ManifestObject } from './validate';

const PROMTOOL = '/usr/bin/promtool';
/** Stands in for the Secrets' values (never in the repository). */
const SECRET = 'k8s-test-secret-0123456789abcdef';
/** YAML files under deploy/kubernetes that are not Kubernetes objects. */
const NOT_OBJECTS = ['kustomization.yaml', 'shards/kustomization.yaml', 'hpa/prometheus-adapter-values.yaml'];

jest.setTimeout(120_000);

const manifests = loadManifests(deployDir, NOT_OBJECTS);
/** The object `kind/name`, read as the shape the test needs (the schema checks below hold it to the real one). */
function find<T = ManifestObject['object']>(kind: string, name: string): T {
  const found = manifests.find((m) => m.object.kind === kind && m.object.metadata?.name === name);
  if (!found) throw new Error(`deploy/kubernetes has no ${kind}/${name}`);
  return found.object as T;
}
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('deploy/kubernetes', () => {
  it.each(generateAll().map((f) => [f.name, f] as const))('generated/%s is current with provisioning/ (else run `npm run generate:kubernetes`)', (name, file) => {
    expect(readFileSync(path.join(generatedDir, name), 'utf8')).toBe(render(file));
  });

  it('generated/ holds only what the generator writes (a file it no longer makes is not left behind)', () => {
    expect(readdirSync(generatedDir).sort()).toEqual(generateAll().map((f) => f.name).sort());
  });

  it('kustomization.yaml lists every manifest of the base (the rest are opt-in folders)', () => {
    const kustomization = yaml.load(readFileSync(path.join(deployDir, 'kustomization.yaml'), 'utf8')) as { namespace: string; resources: string[] };
    const base = readdirSync(deployDir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    const generated = readdirSync(generatedDir).map((f) => `generated/${f}`);
    expect([...kustomization.resources].sort()).toEqual([...base, ...generated].sort());
    expect(kustomization.namespace).toBe(names.namespace);
  });

  it('every object passes the Kubernetes, prometheus-operator and KEDA schemas', async () => {
    expect(manifests.length).toBeGreaterThan(15);
    expect(await schemaFindings(manifests)).toEqual([]);
  });

  it('no object has a field its schema does not know (as kubectl apply refuses it)', () => {
    expect(unknownFieldFindings(manifests)).toEqual([]);
  });

  it('the validation can fail, naming the object and the problem', async () => {
    const webhook = clone(manifests.find((m) => m.where.includes('StatefulSet/shadowfleet-webhook'))!);
    const spec = webhook.object.spec as { replicas: unknown; template: { spec: { containers: Record<string, unknown>[] } } };
    spec.replicas = 'one';
    spec.template.spec.containers[0]!.securityContex = {};
    const rule = clone(manifests.find((m) => m.where.includes('PrometheusRule/shadowfleet-scaling'))!);
    const group = (rule.object.spec as { groups: { rules: Record<string, unknown>[] }[] }).groups[0]!;
    group.rules[group.rules.length - 1]!.for = '5 minutes';
    expect(await schemaFindings([webhook, rule])).toEqual([
      { where: webhook.where, error: 'data/spec/replicas must be integer' },
      { where: rule.where, error: expect.stringMatching(/^data\/spec\/groups\/0\/rules\/\d+\/for must match pattern/) },
    ]);
    expect(unknownFieldFindings([webhook])).toEqual(
      expect.arrayContaining([{ where: webhook.where, error: expect.stringContaining(`'"securityContex"' does not exist in type 'IContainer'`) }]),
    );
  });

  it('the rules extracted from the PrometheusRules pass promtool check rules, every provisioned rule included', async () => {
    const rules = manifests.filter((m) => m.object.kind === 'PrometheusRule');
    const groups = rules.flatMap((r) => (r.object.spec as { groups: { rules: unknown[] }[] }).groups);
    const provisioned = readdirSync(path.join(deployDir, '..', '..', 'provisioning', 'prometheus', 'rules')).length;
    expect(rules).toHaveLength(provisioned);
    const dir = tempDir('prometheusrule');
    try {
      const file = path.join(dir.path, 'rules.yml');
      writeFileSync(file, yaml.dump({ groups }));
      const r = await runTool(PROMTOOL, ['check', 'rules', file]);
      expect({ code: r.code, out: r.stdout + r.stderr }).toMatchObject({ code: 0 });
      expect(r.stdout).toContain(`SUCCESS: ${groups.reduce((n, g) => n + g.rules.length, 0)} rules found`);
    } finally {
      dir.remove();
    }
  });

  it('alerts routed to the webhook carry the namespace the operator adds to the AlertmanagerConfig route', () => {
    const alerts = manifests
      .filter((m) => m.object.kind === 'PrometheusRule')
      .flatMap((m) => (m.object.spec as { groups: { rules: { alert?: string; labels?: Record<string, string> }[] }[] }).groups.flatMap((g) => g.rules))
      .filter((r) => r.labels?.shadowfleet_action);
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) expect(a.labels).toMatchObject({ namespace: names.namespace });
    const route = (find('AlertmanagerConfig', 'shadowfleet').spec as { route: { matchers: unknown[] } }).route;
    expect(route.matchers).toEqual([{ name: 'shadowfleet_action', matchType: '=~', value: '.+' }]);
  });

  it('reads Alertmanager matchers in every form, and refuses what it cannot read', () => {
    expect(parseMatcher('pool!="web"')).toEqual({ name: 'pool', matchType: '!=', value: 'web' });
    expect(parseMatcher('tier = 3')).toEqual({ name: 'tier', matchType: '=', value: '3' });
    expect(() => parseMatcher('{pool="web"}')).toThrow('cannot read the Alertmanager matcher "{pool=\\"web\\"}"');
  });

  it('the webhook starts its real config loader on the files and variables the StatefulSet gives it; its RBAC grants exactly what the driver uses', () => {
    const root = tempDir('webhook-pod');
    try {
      const env = materialisePod(find<PodTemplate>('StatefulSet', 'shadowfleet-webhook'), manifests, root.path, SECRET);
      const config = loadWebhookConfig(env);
      expect(config).toMatchObject({ host: '0.0.0.0', port: 9095, dataDir: path.join(root.path, 'data'), auth: { type: 'bearer', token: SECRET } });
      const pools = Object.values(config.pools).filter((p) => p.driver === 'kubernetes');
      expect(pools.length).toBeGreaterThan(0);
      const role = find<{ metadata: { namespace: string }; rules: { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] }[] }>('Role', 'shadowfleet-webhook-scaler');
      for (const pool of pools) {
        const o = pool.options as { namespace: string; deployment: string; standby?: { deployment: string } };
        expect(role.metadata.namespace).toBe(o.namespace);
        expect(role.rules).toEqual([
          { apiGroups: ['apps'], resources: ['deployments/scale'], resourceNames: [o.deployment, o.standby!.deployment], verbs: ['get', 'update'] },
          { apiGroups: [''], resources: ['pods'], verbs: ['list'] },
        ]);
      }
      const binding = find<{ subjects: unknown[] }>('RoleBinding', 'shadowfleet-webhook-scaler');
      expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'shadowfleet-webhook', namespace: names.namespace }]);
    } finally {
      root.remove();
    }
  });

  it('the exporter reads the same pool model, through its real config loader, in the unit provisioning/ uses', () => {
    const root = tempDir('exporter-pod');
    try {
      const env = materialisePod(find<PodTemplate>('StatefulSet', 'shadowfleet-exporter'), manifests, root.path, SECRET);
      const config = loadExporterConfig(env);
      expect(config).toMatchObject({ host: '0.0.0.0', port: 9464, dataDir: path.join(root.path, 'data'), authToken: SECRET });
      const model = parsePoolModel(JSON.parse(readFileSync(config.poolsFile!, 'utf8')), 'pools.yaml');
      const provisioned = parsePoolModel(JSON.parse(readFileSync(path.join(deployDir, '..', '..', 'provisioning', 'pools.json'), 'utf8')));
      expect(model.complexityUnit).toBe(provisioned.complexityUnit);
      for (const pool of Object.values(model.pools)) expect(pool.hostCapacity).toBeGreaterThan(0);
    } finally {
      root.remove();
    }
  });

  it('the Secret the AlertmanagerConfig presents is the one the webhook reads its token from', () => {
    const receiver = (find('AlertmanagerConfig', 'shadowfleet').spec as { receivers: { webhookConfigs: { url: string; httpConfig: { authorization: { credentials: unknown } } }[] }[] }).receivers[0]!;
    expect(receiver.webhookConfigs[0]!.httpConfig.authorization.credentials).toEqual(names.webhookTokenSecret);
    const sts = find<{ spec: { template: { spec: { volumes: { name: string; secret?: { secretName: string; items: { key: string }[] } }[] } } } }>('StatefulSet', 'shadowfleet-webhook');
    const token = sts.spec.template.spec.volumes.find((v) => v.secret)!.secret!;
    expect({ name: token.secretName, key: token.items[0]!.key }).toEqual(names.webhookTokenSecret);
    expect(receiver.webhookConfigs[0]!.url).toBe(`http://shadowfleet-webhook.${names.namespace}.svc:9095/webhook`);
  });

  it('the KEDA trigger and the prometheus-adapter rule return the pool\'s desired serving hosts through the PrometheusRule (promtool)', async () => {
    const trigger = find<{ spec: { triggers: { type: string; metricType: string; metadata: { query: string; threshold: string } }[] } }>('ScaledObject', 'web').spec.triggers[0]!;
    expect(trigger).toMatchObject({ type: 'prometheus', metricType: 'AverageValue', metadata: { threshold: '1' } });
    const adapter = yaml.load(readFileSync(path.join(deployDir, 'hpa', 'prometheus-adapter-values.yaml'), 'utf8')) as { rules: { external: { name: { as: string }; metricsQuery: string }[] } };
    const external = adapter.rules.external[0]!;
    const hpaMetric = find<{ spec: { metrics: { external: { metric: { name: string } } }[] } }>('HorizontalPodAutoscaler', 'web').spec.metrics[0]!.external.metric.name;
    expect(hpaMetric).toBe(external.name.as);
    const dir = tempDir('keda-query');
    try {
      // The chain: the exporter's shadowfleet_desired_serving_hosts → the PrometheusRule's recording rule → the query.
      const rules = path.join(dir.path, 'rules.yml');
      writeFileSync(rules, yaml.dump({ groups: manifests.filter((m) => m.object.kind === 'PrometheusRule').flatMap((m) => (m.object.spec as { groups: unknown[] }).groups) }));
      const file = path.join(dir.path, 'keda.test.yml');
      writeFileSync(
        file,
        yaml.dump({
          rule_files: [rules],
          evaluation_interval: '1m',
          tests: [
            {
              interval: '1m',
              input_series: [
                { series: 'shadowfleet_desired_serving_hosts{pool="web",tier="1"}', values: '2 2' },
                { series: 'shadowfleet_desired_serving_hosts{pool="web",tier="2"}', values: '3 5' },
                { series: 'shadowfleet_desired_serving_hosts{pool="api",tier="1"}', values: '9 9' },
              ],
              promql_expr_test: [
                { expr: trigger.metadata.query, eval_time: '1m', exp_samples: [{ labels: '{}', value: 5 }] },
                // prometheus-adapter fills <<.LabelMatchers>> from the HPA's selector (pool=web).
                { expr: external.metricsQuery.replace('<<.LabelMatchers>>', 'pool="web"'), eval_time: '1m', exp_samples: [{ labels: '{pool="web"}', value: 5 }] },
              ],
            },
          ],
        }),
      );
      const r = await runTool(PROMTOOL, ['test', 'rules', file]);
      expect({ code: r.code, out: r.stdout + r.stderr }).toEqual({ code: 0, out: expect.stringContaining('SUCCESS') });
    } finally {
      dir.remove();
    }
  });

  it.each([
    ['StatefulSet', 'shadowfleet-exporter'],
    ['StatefulSet', 'shadowfleet-webhook'],
  ])('%s/%s runs as non-root with probes, resources and a volume for its data', (kind, name) => {
    const sts = find<{ spec: { volumeClaimTemplates: { metadata: { name: string } }[]; template: { spec: { securityContext: Record<string, unknown>; containers: Record<string, unknown>[] } } } }>(kind, name);
    const pod = sts.spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    const c = pod.containers[0] as { securityContext: unknown; livenessProbe: unknown; readinessProbe: unknown; resources: { requests: unknown; limits: unknown }; volumeMounts: { name: string; mountPath: string }[] };
    expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(c.livenessProbe).toBeDefined();
    expect(c.readinessProbe).toBeDefined();
    expect(c.resources.requests).toBeDefined();
    expect(c.resources.limits).toBeDefined();
    expect(c.volumeMounts).toContainEqual({ name: sts.spec.volumeClaimTemplates[0]!.metadata.name, mountPath: '/data' });
  });
});
