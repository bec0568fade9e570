// Validates rendered objects against the Kubernetes OpenAPI schemas compiled into the npm
// packages kubernetes-models (core API), @kubernetes-models/keda and
// @kubernetes-models/prometheus-operator. Works offline. The compiled schemas check types, enums
// and required fields; they accept unknown fields, which kubernetes-rules.mjs covers for the
// fields that matter here (probes, resources, labels).
const MODEL_PACKAGES = {
  'keda.sh': '@kubernetes-models/keda',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
};

export async function schemaProblems(objects) {
  const problems = [];
  for (const object of objects) {
    const where = `${object.kind}/${object.metadata?.name}`;
    let Model;
    try {
      Model = await modelOf(object.apiVersion, object.kind);
    } catch {
      problems.push(`${where}: no schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      problems.push(`${where}: ${error.message}`);
    }
  }
  return problems;
}

async function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const packageName = MODEL_PACKAGES[group] ?? 'kubernetes-models';
  const module = await import(`${packageName}/${group ? `${group}/` : ''}${version}/${kind}`);
  if (!module[kind]) throw new Error(`${packageName} has no ${kind}`);
  return module[kind];
}
