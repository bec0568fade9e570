// The rules every rendered overlay must keep, as a list of problems (empty when all hold):
// recommended labels, probes on the actuator's liveness and readiness groups on the management port,
// the metrics scrape on the management port and that port open to the monitoring namespace only,
// resource requests and limits, a non-root pod, references that resolve, autoscalers that own their
// replica counts, a disruption budget and a network policy per workload, and Secrets without committed values.
const PART_OF = 'app.kubernetes.io/part-of';
const NAME = 'app.kubernetes.io/name';
const PROBES = { livenessProbe: '/actuator/health/liveness', readinessProbe: '/actuator/health/readiness' };
// The actuator's port (management.server.port): never the API port.
const MANAGEMENT_PORT = 'management';

export function kubernetesProblems(objects) {
  const problems = [];
  const byKind = (kind) => objects.filter((object) => object.kind === kind);
  const deployments = byKind('Deployment');
  const named = (kind, name) => objects.find((object) => object.kind === kind && object.metadata?.name === name);

  for (const object of objects) {
    const where = `${object.kind}/${object.metadata?.name}`;
    const labels = object.metadata?.labels ?? {};
    if (!labels[NAME]) problems.push(`${where}: label ${NAME} is missing`);
    if (labels[PART_OF] !== 'evmsim') problems.push(`${where}: label ${PART_OF}=evmsim is missing`);
    if (!object.metadata?.namespace) problems.push(`${where}: no namespace`);
  }

  for (const deployment of deployments) {
    const where = `Deployment/${deployment.metadata.name}`;
    const template = deployment.spec?.template ?? {};
    const podLabels = template.metadata?.labels ?? {};
    for (const label of [NAME, PART_OF]) {
      if (!podLabels[label]) problems.push(`${where}: pod template label ${label} is missing`);
    }
    if (!selects(deployment.spec?.selector?.matchLabels, podLabels)) {
      problems.push(`${where}: the selector does not match the pod template's labels`);
    }
    const pod = template.spec ?? {};
    if (pod.securityContext?.runAsNonRoot !== true) problems.push(`${where}: the pod does not set runAsNonRoot`);
    for (const container of pod.containers ?? []) {
      problems.push(...containerProblems(`${where} container ${container.name}`, container, named));
    }
    if (!byKind('PodDisruptionBudget').some((budget) => selects(budget.spec?.selector?.matchLabels, podLabels))) {
      problems.push(`${where}: no PodDisruptionBudget selects its pods`);
    }
    if (!byKind('NetworkPolicy').some((policy) => Object.keys(policy.spec?.podSelector?.matchLabels ?? {}).length > 0
      && selects(policy.spec.podSelector.matchLabels, podLabels))) {
      problems.push(`${where}: no NetworkPolicy of its own selects its pods`);
    }
    const management = (pod.containers ?? []).flatMap((container) => container.ports ?? [])
      .find((port) => port.name === MANAGEMENT_PORT)?.containerPort;
    for (const policy of byKind('NetworkPolicy').filter((policy) => selects(policy.spec?.podSelector?.matchLabels, podLabels))) {
      for (const rule of policy.spec?.ingress ?? []) {
        const opened = (rule.ports ?? []).some((port) => port.port === management || port.port === MANAGEMENT_PORT);
        if (opened && !(rule.from ?? []).length) {
          problems.push(`NetworkPolicy/${policy.metadata.name}: opens the management port ${management} of ${where} to everyone`);
        }
      }
    }
  }

  for (const monitor of byKind('PodMonitor')) {
    for (const endpoint of monitor.spec?.podMetricsEndpoints ?? []) {
      if (endpoint.port !== MANAGEMENT_PORT) {
        problems.push(`PodMonitor/${monitor.metadata.name}: scrapes port ${endpoint.port}, not ${MANAGEMENT_PORT}`);
      }
    }
  }

  if (!byKind('NetworkPolicy').some((policy) => Object.keys(policy.spec?.podSelector ?? {}).length === 0
    && ['Ingress', 'Egress'].every((type) => policy.spec?.policyTypes?.includes(type)))) {
    problems.push('no default-deny NetworkPolicy (empty podSelector, Ingress and Egress)');
  }

  for (const service of byKind('Service')) {
    const where = `Service/${service.metadata.name}`;
    const target = deployments.find((deployment) => selects(service.spec?.selector, deployment.spec?.template?.metadata?.labels));
    if (!target) {
      problems.push(`${where}: its selector matches no Deployment's pods`);
      continue;
    }
    const containerPorts = target.spec.template.spec.containers.flatMap((container) => container.ports ?? []);
    for (const port of service.spec.ports ?? []) {
      if (!containerPorts.some((declared) => declared.name === port.targetPort || declared.containerPort === port.targetPort)) {
        problems.push(`${where}: targetPort ${port.targetPort} is not a port of Deployment/${target.metadata.name}`);
      }
    }
  }

  const autoscaled = [];
  for (const autoscaler of byKind('HorizontalPodAutoscaler')) {
    const target = named('Deployment', autoscaler.spec?.scaleTargetRef?.name);
    if (!target) problems.push(`HorizontalPodAutoscaler/${autoscaler.metadata.name}: its target Deployment does not exist`);
    else autoscaled.push(target);
  }
  for (const scaled of byKind('ScaledObject')) {
    const where = `ScaledObject/${scaled.metadata.name}`;
    const target = named('Deployment', scaled.spec?.scaleTargetRef?.name);
    if (!target) {
      problems.push(`${where}: its target Deployment does not exist`);
      continue;
    }
    autoscaled.push(target);
    const environment = containerEnvironment(target.spec.template.spec.containers[0], named);
    for (const trigger of scaled.spec.triggers ?? []) {
      for (const [key, variable] of Object.entries(trigger.metadata ?? {})) {
        if (key.endsWith('FromEnv') && !environment.has(variable)) {
          problems.push(`${where}: ${key} names ${variable}, which the target container does not have`);
        }
      }
    }
  }
  for (const target of autoscaled) {
    if (target.spec.replicas !== undefined) {
      problems.push(`Deployment/${target.metadata.name}: sets replicas although an autoscaler owns them`);
    }
  }

  for (const secret of byKind('Secret')) {
    if (Object.keys(secret.data ?? {}).length > 0 || Object.keys(secret.stringData ?? {}).length > 0) {
      problems.push(`Secret/${secret.metadata.name}: carries values; secrets are filled in the cluster, never committed`);
    }
  }
  return problems;
}

function containerProblems(where, container, named) {
  const problems = [];
  const ports = container.ports ?? [];
  for (const [probe, path] of Object.entries(PROBES)) {
    const check = container[probe]?.httpGet;
    if (!check) {
      problems.push(`${where}: ${probe} is missing`);
    } else {
      if (check.path !== path) problems.push(`${where}: ${probe} checks ${check.path}, not ${path}`);
      if (check.port !== MANAGEMENT_PORT) problems.push(`${where}: ${probe} uses port ${check.port}, not ${MANAGEMENT_PORT}`);
      if (!ports.some((port) => port.name === check.port || port.containerPort === check.port)) {
        problems.push(`${where}: ${probe} uses port ${check.port}, which the container does not declare`);
      }
    }
  }
  for (const kind of ['requests', 'limits']) {
    for (const resource of ['cpu', 'memory']) {
      if (!container.resources?.[kind]?.[resource]) problems.push(`${where}: resources.${kind}.${resource} is missing`);
    }
  }
  if (!container.image?.includes(':') || container.image.endsWith(':latest')) {
    problems.push(`${where}: image ${container.image} is not pinned to a tag`);
  }
  if (container.securityContext?.allowPrivilegeEscalation !== false) {
    problems.push(`${where}: allowPrivilegeEscalation is not false`);
  }
  for (const source of container.envFrom ?? []) {
    const reference = source.configMapRef ?? source.secretRef;
    const kind = source.configMapRef ? 'ConfigMap' : 'Secret';
    if (!named(kind, reference.name)) problems.push(`${where}: envFrom ${kind} ${reference.name} does not exist`);
  }
  for (const variable of container.env ?? []) {
    const reference = variable.valueFrom?.secretKeyRef ?? variable.valueFrom?.configMapKeyRef;
    const kind = variable.valueFrom?.secretKeyRef ? 'Secret' : 'ConfigMap';
    if (reference && !named(kind, reference.name)) problems.push(`${where}: env ${variable.name} refers to ${kind} ${reference.name}, which does not exist`);
  }
  return problems;
}

function containerEnvironment(container, named) {
  const names = new Set((container.env ?? []).map((variable) => variable.name));
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) {
      for (const key of Object.keys(named('ConfigMap', source.configMapRef.name)?.data ?? {})) names.add(key);
    }
  }
  return names;
}

function selects(selector, labels) {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([key, value]) => labels?.[key] === value);
}
