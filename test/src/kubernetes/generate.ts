import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { provisioningDir, repoRoot } from '../support/tools';

/**
 * Turns the single sources in provisioning/ into the prometheus-operator resources in
 * deploy/kubernetes/generated/, so that Kubernetes and docker-compose deployments cannot drift:
 * - provisioning/prometheus/rules/*.yml → one PrometheusRule per file (groups copied as they are);
 * - provisioning/prometheus/prometheus.yml → a ServiceMonitor per Shadowfleet scrape job (same job name,
 *   interval and path);
 * - provisioning/alertmanager/alertmanager.yml → an AlertmanagerConfig with the webhook's route and
 *   receiver (matchers, grouping and timing as they are; the token from a Secret).
 * Run `npm run generate:kubernetes`; test/src/kubernetes/manifests.test.ts fails when a file is stale.
 */
export const deployDir = path.join(repoRoot, 'deploy', 'kubernetes');
export const generatedDir = path.join(deployDir, 'generated');

/** The names the hand-written manifests give: one place, used by the generated resources. */
export const names = {
  namespace: 'shadowfleet',
  /** kube-prometheus-stack selects PrometheusRules, ServiceMonitors (and, as docs/kubernetes.md configures, AlertmanagerConfigs) by this label. */
  releaseLabel: { release: 'kube-prometheus-stack' },
  webhookTokenSecret: { name: 'shadowfleet-webhook-token', key: 'token' },
  /** docker-compose service name (the host in provisioning/) → Kubernetes Service, its named port, and its app label. */
  services: {
    exporter: { service: 'shadowfleet-exporter', port: 'http' },
    webhook: { service: 'shadowfleet-webhook', port: 'http' },
  } as Record<string, { service: string; port: string }>,
} as const;

export interface GeneratedFile {
  /** Path under deploy/kubernetes/generated/. */
  readonly name: string;
  readonly sources: readonly string[];
  readonly documents: readonly Record<string, unknown>[];
}

interface RuleFile {
  groups: unknown[];
}
interface PrometheusConfig {
  global?: { scrape_interval?: string };
  scrape_configs: { job_name: string; metrics_path?: string; scrape_interval?: string; static_configs?: { targets: string[] }[] }[];
}
interface AlertmanagerRoute {
  receiver: string;
  matchers?: string[];
  group_by?: string[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  routes?: AlertmanagerRoute[];
}
interface AlertmanagerFile {
  route: AlertmanagerRoute;
  receivers: { name: string; webhook_configs?: { url: string; send_resolved?: boolean; max_alerts?: number; http_config?: { authorization?: { type?: string } } }[] }[];
}

const rel = (file: string) => path.relative(repoRoot, file);
const load = <T>(file: string): T => yaml.load(readFileSync(file, 'utf8')) as T;
const labels = (name: string) => ({ 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'shadowfleet', ...names.releaseLabel });

/** Rules that route to the webhook get the namespace label the operator's AlertmanagerConfig route matches on. */
function withNamespaceLabel(group: unknown): unknown {
  const g = group as { rules: { alert?: string; labels?: Record<string, string> }[] };
  return { ...g, rules: g.rules.map((r) => (r.alert && r.labels?.shadowfleet_action ? { ...r, labels: { ...r.labels, namespace: names.namespace } } : r)) };
}

export function prometheusRules(rulesDir = path.join(provisioningDir, 'prometheus', 'rules')): GeneratedFile {
  const files = readdirSync(rulesDir).filter((f) => f.endsWith('.yml')).sort();
  return {
    name: 'prometheusrules.yaml',
    sources: files.map((f) => rel(path.join(rulesDir, f))),
    documents: files.map((f) => ({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: path.basename(f, '.yml'), labels: labels('shadowfleet') },
      spec: { groups: load<RuleFile>(path.join(rulesDir, f)).groups.map(withNamespaceLabel) },
    })),
  };
}

export function serviceMonitors(file = path.join(provisioningDir, 'prometheus', 'prometheus.yml')): GeneratedFile {
  const config = load<PrometheusConfig>(file);
  const documents = config.scrape_configs.flatMap((job) => {
    const host = job.static_configs?.[0]?.targets[0]?.split(':')[0] ?? '';
    const target = names.services[host];
    if (!target) return []; // Prometheus and Alertmanager: kube-prometheus-stack scrapes its own.
    // The operator names the job after the Service: keep it the job name provisioning/ uses, so rules and dashboards match on both.
    if (job.job_name !== target.service) throw new Error(`${rel(file)}: job ${job.job_name} scrapes ${host}, whose Kubernetes Service is ${target.service}; name the job ${target.service} or change names.services`);
    return [
      {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'ServiceMonitor',
        metadata: { name: job.job_name, labels: labels(target.service) },
        spec: {
          selector: { matchLabels: { 'app.kubernetes.io/name': target.service } },
          endpoints: [{ port: target.port, path: job.metrics_path ?? '/metrics', interval: job.scrape_interval ?? config.global?.scrape_interval ?? '30s' }],
        },
      },
    ];
  });
  if (documents.length === 0) throw new Error(`${rel(file)}: no scrape job targets ${Object.keys(names.services).join(' or ')}`);
  return { name: 'servicemonitors.yaml', sources: [rel(file)], documents };
}

/** `name=~"value"` (Alertmanager's matcher syntax) → the AlertmanagerConfig matcher object. */
export function parseMatcher(matcher: string): { name: string; matchType: string; value: string } {
  const m = matcher.match(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*(?:"((?:[^"\\]|\\.)*)"|(\S*))\s*$/);
  if (!m) throw new Error(`cannot read the Alertmanager matcher ${JSON.stringify(matcher)}`);
  return { name: m[1]!, matchType: m[2]!, value: m[3] ?? m[4]! };
}

export function alertmanagerConfig(file = path.join(provisioningDir, 'alertmanager', 'alertmanager.yml')): GeneratedFile {
  const config = load<AlertmanagerFile>(file);
  const route = (config.route.routes ?? []).find((r) => config.receivers.find((x) => x.name === r.receiver)?.webhook_configs?.some((w) => w.url.endsWith('/webhook')));
  if (!route) throw new Error(`${rel(file)}: no route to a receiver with a webhook_configs url ending in /webhook`);
  const receiver = config.receivers.find((r) => r.name === route.receiver)!;
  const webhook = names.services.webhook!;
  return {
    name: 'alertmanagerconfig.yaml',
    sources: [rel(file)],
    documents: [
      {
        apiVersion: 'monitoring.coreos.com/v1alpha1',
        kind: 'AlertmanagerConfig',
        metadata: { name: 'shadowfleet', labels: labels('shadowfleet') },
        spec: {
          route: {
            receiver: route.receiver,
            matchers: (route.matchers ?? []).map(parseMatcher),
            ...(route.group_by ? { groupBy: route.group_by } : {}),
            ...(route.group_wait ? { groupWait: route.group_wait } : {}),
            ...(route.group_interval ? { groupInterval: route.group_interval } : {}),
            ...(route.repeat_interval ? { repeatInterval: route.repeat_interval } : {}),
          },
          receivers: [
            {
              name: receiver.name,
              webhookConfigs: receiver.webhook_configs!.map((w) => ({
                url: `http://${webhook.service}.${names.namespace}.svc:${new URL(w.url).port}${new URL(w.url).pathname}`,
                ...(w.send_resolved !== undefined ? { sendResolved: w.send_resolved } : {}),
                ...(w.max_alerts !== undefined ? { maxAlerts: w.max_alerts } : {}),
                ...(w.http_config?.authorization ? { httpConfig: { authorization: { type: w.http_config.authorization.type ?? 'Bearer', credentials: names.webhookTokenSecret } } } : {}),
              })),
            },
          ],
        },
      },
    ],
  };
}

export function generateAll(): GeneratedFile[] {
  return [prometheusRules(), serviceMonitors(), alertmanagerConfig()];
}

/** The file's text: a header naming its sources and the command, then the documents. */
export function render(file: GeneratedFile): string {
  const header = [`# GENERATED by \`npm run generate:kubernetes\` from ${file.sources.join(', ')}.`, '# Do not edit: change the source and regenerate (a test fails when this file is stale).'];
  const body = file.documents.map((d) => yaml.dump(d, { lineWidth: -1, noRefs: true, quotingType: '"' })).join('---\n');
  return `${header.join('\n')}\n${body}`;
}
