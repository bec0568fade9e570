// The Kustomize overlays render, validate against the Kubernetes schemas, and keep the rules of
// lib/kubernetes-rules.mjs; the rules themselves are shown to catch a missing probe, limit or label.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { inRepo } from '../lib/paths.mjs';
import { renderKustomization } from '../lib/kustomize.mjs';
import { schemaProblems } from '../lib/kubernetes-schemas.mjs';
import { kubernetesProblems } from '../lib/kubernetes-rules.mjs';
import { onPath, run } from '../lib/tools.mjs';

const OVERLAYS = ['dev', 'prod'];
const identity = (object) => `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
const sortByIdentity = (objects) => [...objects].sort((a, b) => identity(a).localeCompare(identity(b)));

for (const overlay of OVERLAYS) {
  const directory = inRepo('k8s', 'overlays', overlay);

  test(`${overlay}: renders the three services with their scaling, budgets and policies`, () => {
    const objects = renderKustomization(directory);
    const names = new Set(objects.map((object) => `${object.kind}/${object.metadata.name}`));
    for (const expected of [
      'Deployment/simulate-api', 'Deployment/executor-worker', 'Deployment/state-cache',
      'Service/simulate-api', 'Service/executor-worker', 'Service/state-cache',
      'HorizontalPodAutoscaler/simulate-api', 'ScaledObject/executor-worker',
      'PodDisruptionBudget/simulate-api', 'PodDisruptionBudget/executor-worker', 'PodDisruptionBudget/state-cache',
      'NetworkPolicy/default-deny', 'ConfigMap/evmsim-platform',
    ]) {
      assert.ok(names.has(expected), `${overlay} lacks ${expected}`);
    }
    const trigger = objects.find((object) => object.kind === 'ScaledObject').spec.triggers[0];
    assert.equal(trigger.type, 'kafka');
    assert.equal(trigger.metadata.topic, 'simulation-requests');
  });

  test(`${overlay}: the same objects as kubectl kustomize`, (t) => {
    if (!onPath('kubectl')) {
      t.skip('kubectl is not installed: the overlay was rendered by deploy/checks/lib/kustomize.mjs only');
      return;
    }
    const result = run('kubectl', ['kustomize', directory]);
    assert.equal(result.status, 0, result.stderr);
    const fromKubectl = parseAllDocuments(result.stdout).map((document) => document.toJS()).filter(Boolean);
    assert.deepEqual(sortByIdentity(renderKustomization(directory)), sortByIdentity(fromKubectl));
  });

  test(`${overlay}: every object validates against its Kubernetes schema`, async () => {
    assert.deepEqual(await schemaProblems(renderKustomization(directory)), []);
  });

  test(`${overlay}: probes, resources, labels, references and autoscaling rules hold`, () => {
    assert.deepEqual(kubernetesProblems(renderKustomization(directory)), []);
  });
}

test('prod pins released images; dev uses the dev tag', () => {
  const images = (overlay) => renderKustomization(inRepo('k8s', 'overlays', overlay))
    .filter((object) => object.kind === 'Deployment')
    .map((deployment) => deployment.spec.template.spec.containers[0].image).sort();
  assert.deepEqual(images('prod'), ['evmsim/executor-worker:0.1.0', 'evmsim/simulate-api:0.1.0', 'evmsim/state-cache:0.1.0']);
  assert.deepEqual(images('dev'), ['evmsim/executor-worker:dev', 'evmsim/simulate-api:dev', 'evmsim/state-cache:dev']);
});

test('the rules catch a missing probe, limit, label, committed secret, replica fight and an exposed management port', () => {
  const broken = (mutate) => {
    const objects = renderKustomization(inRepo('k8s', 'overlays', 'prod'));
    mutate(objects);
    return kubernetesProblems(objects);
  };
  const container = (objects, name) => objects.find((object) => object.kind === 'Deployment'
    && object.metadata.name === name).spec.template.spec.containers[0];
  const cases = [
    [(objects) => { delete container(objects, 'state-cache').readinessProbe; },
      'Deployment/state-cache container state-cache: readinessProbe is missing'],
    [(objects) => { container(objects, 'simulate-api').livenessProbe.httpGet.path = '/actuator/health'; },
      'Deployment/simulate-api container simulate-api: livenessProbe checks /actuator/health, not /actuator/health/liveness'],
    [(objects) => { delete container(objects, 'executor-worker').resources.limits.memory; },
      'Deployment/executor-worker container executor-worker: resources.limits.memory is missing'],
    [(objects) => { delete objects.find((object) => object.kind === 'Service').metadata.labels['app.kubernetes.io/part-of']; },
      'Service/simulate-api: label app.kubernetes.io/part-of=evmsim is missing'],
    [(objects) => { objects.find((object) => object.kind === 'Secret').stringData = { password: 'x' }; },
      'Secret/simulate-api-db: carries values; secrets are filled in the cluster, never committed'],
    [(objects) => { objects.find((object) => object.metadata.name === 'executor-worker' && object.kind === 'Deployment').spec.replicas = 3; },
      'Deployment/executor-worker: sets replicas although an autoscaler owns them'],
    [(objects) => { objects.splice(objects.findIndex((object) => object.kind === 'PodDisruptionBudget' && object.metadata.name === 'state-cache'), 1); },
      'Deployment/state-cache: no PodDisruptionBudget selects its pods'],
    [(objects) => { container(objects, 'simulate-api').readinessProbe.httpGet.port = 'http'; },
      'Deployment/simulate-api container simulate-api: readinessProbe uses port http, not management'],
    [(objects) => { objects.find((object) => object.kind === 'PodMonitor').spec.podMetricsEndpoints[0].port = 'http'; },
      'PodMonitor/evmsim: scrapes port http, not management'],
    [(objects) => { delete objects.find((object) => object.kind === 'NetworkPolicy' && object.metadata.name === 'state-cache').spec.ingress[1].from; },
      'NetworkPolicy/state-cache: opens the management port 8182 of Deployment/state-cache to everyone'],
  ];
  for (const [mutate, problem] of cases) {
    assert.ok(broken(mutate).includes(problem), `expected: ${problem}`);
  }
});

test('the schemas catch a wrongly typed field', async () => {
  const objects = renderKustomization(inRepo('k8s', 'overlays', 'dev'));
  objects.find((object) => object.kind === 'ScaledObject').spec.triggers[0].metadata.lagThreshold = 20;
  objects.find((object) => object.kind === 'HorizontalPodAutoscaler').spec.maxReplicas = 'many';
  const problems = await schemaProblems(objects);
  assert.ok(problems.some((problem) => problem.startsWith('ScaledObject/executor-worker:') && problem.includes('lagThreshold must be string')), problems.join('\n'));
  assert.ok(problems.some((problem) => problem.startsWith('HorizontalPodAutoscaler/simulate-api:') && problem.includes('maxReplicas must be integer')), problems.join('\n'));
});

test('the renderer refuses what it does not implement', () => {
  const directory = mkdtempSync(join(tmpdir(), 'kustomize-'));
  try {
    writeFileSync(join(directory, 'kustomization.yaml'), 'resources: [../base]\ncommonLabels: { team: x }\n');
    assert.throws(() => renderKustomization(directory), /field 'commonLabels' is not implemented/);
    writeFileSync(join(directory, 'kustomization.yaml'), 'resources: [patch.yaml]\npatches: [{ path: patch.yaml }]\n');
    writeFileSync(join(directory, 'patch.yaml'), 'kind: Service\nmetadata: { name: a }\nspec: { ports: [{ port: 1 }] }\n');
    assert.throws(() => renderKustomization(directory), /strategic merge of list 'ports' is not implemented/);
  } finally {
    rmSync(directory, { recursive: true });
  }
});
