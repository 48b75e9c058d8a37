// Validates Kubernetes objects against the OpenAPI/CRD schemas that kubernetes-models,
// @kubernetes-models/prometheus-operator and @kubernetes-models/keda ship (ajv validators compiled from
// Kubernetes' OpenAPI spec and the operators' CRDs). Plain ESM run by Node, because those packages are
// ESM-only and jest's CommonJS loader cannot import them. Input on stdin: [{ where, object }].
// Output on stdout: [{ where, error }] for every object that fails (an unknown apiVersion/kind fails too).
const packages = [
  [/^(v1)$/, 'kubernetes-models/v1'],
  [/^(apps|autoscaling|rbac\.authorization\.k8s\.io|scheduling\.k8s\.io|policy|networking\.k8s\.io)\/(v\w+)$/, (g, v) => `kubernetes-models/${g}/${v}`],
  [/^monitoring\.coreos\.com\/(v\w+)$/, (v) => `@kubernetes-models/prometheus-operator/monitoring.coreos.com/${v}`],
  [/^keda\.sh\/(v\w+)$/, (v) => `@kubernetes-models/keda/keda.sh/${v}`],
];

async function modelFor(apiVersion, kind) {
  for (const [pattern, base] of packages) {
    const m = String(apiVersion).match(pattern);
    if (!m) continue;
    const module = typeof base === 'string' ? base : base(...m.slice(1));
    const loaded = await import(`${module}/${kind}`).catch(() => undefined);
    if (loaded?.[kind]) return loaded[kind];
  }
  return undefined;
}

let input = '';
for await (const chunk of process.stdin) input += chunk;
const failures = [];
for (const { where, object } of JSON.parse(input)) {
  const Model = await modelFor(object.apiVersion, object.kind);
  if (!Model) {
    failures.push({ where, error: `no schema for apiVersion ${object.apiVersion} kind ${object.kind}` });
    continue;
  }
  try {
    new Model(object).validate();
  } catch (err) {
    failures.push({ where, error: err.message });
  }
}
process.stdout.write(JSON.stringify(failures));
