// Renders a Kustomize directory with the subset of Kustomize that k8s/ uses, so that the overlays
// can be checked on a machine without kubectl. Where `kubectl kustomize` is present the tests render
// with both and require the same objects, which keeps this subset honest.
//
// Supported: `resources` (files and directories), `namespace`, `images` (newName, newTag, digest) and
// `patches` given by `path`, each document a strategic-merge patch of the object with its kind and
// name. Lists in patches merge by their Kubernetes merge key for the lists below; any other list, or
// any other kustomization field, is refused with an error rather than rendered approximately.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readDocuments, readYaml } from './yaml-files.mjs';

const SUPPORTED_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'patches']);

// The patchMergeKey of these lists in the Kubernetes API (core/v1 PodSpec and Container).
const MERGE_KEYS = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
};

export function renderKustomization(directory) {
  const file = ['kustomization.yaml', 'kustomization.yml', 'Kustomization']
    .map((name) => join(directory, name)).find((candidate) => existsSync(candidate));
  if (!file) throw new Error(`${directory}: no kustomization.yaml`);
  const kustomization = readYaml(file);
  for (const field of Object.keys(kustomization)) {
    if (!SUPPORTED_FIELDS.has(field)) {
      throw new Error(`${file}: field '${field}' is not implemented by deploy/checks/lib/kustomize.mjs`);
    }
  }

  const objects = [];
  for (const entry of kustomization.resources ?? []) {
    const path = resolve(directory, entry);
    if (!existsSync(path)) throw new Error(`${file}: resource ${entry} does not exist`);
    objects.push(...(statSync(path).isDirectory() ? renderKustomization(path) : readDocuments(path)));
  }
  for (const patch of kustomization.patches ?? []) {
    if (!patch.path || patch.target || patch.patch || patch.options) {
      throw new Error(`${file}: only patches given as { path } are implemented`);
    }
    for (const document of readDocuments(resolve(directory, patch.path))) {
      const target = objects.find((object) => object.kind === document.kind
        && object.metadata?.name === document.metadata?.name);
      if (!target) {
        throw new Error(`${file}: patch ${patch.path} targets ${document.kind}/${document.metadata?.name}, which is not among the resources`);
      }
      Object.assign(target, strategicMerge(target, document, ''));
    }
  }
  for (const image of kustomization.images ?? []) {
    for (const container of podContainers(objects)) {
      container.image = retag(container.image, image);
    }
  }
  if (kustomization.namespace) {
    for (const object of objects) object.metadata = { ...object.metadata, namespace: kustomization.namespace };
  }
  return objects;
}

export function strategicMerge(base, patch, field) {
  if (Array.isArray(patch)) {
    const key = MERGE_KEYS[field];
    if (!key) throw new Error(`strategic merge of list '${field}' is not implemented by deploy/checks/lib/kustomize.mjs`);
    const merged = (base ?? []).map((item) => structuredClone(item));
    for (const item of patch) {
      const index = merged.findIndex((existing) => existing[key] === item[key]);
      if (index < 0) merged.push(structuredClone(item));
      else merged[index] = strategicMerge(merged[index], item, '');
    }
    return merged;
  }
  if (isMap(patch) && isMap(base)) {
    const merged = { ...base };
    for (const [name, value] of Object.entries(patch)) {
      if (name.startsWith('$')) throw new Error(`patch directive ${name} is not implemented`);
      if (value === null) delete merged[name];
      else merged[name] = strategicMerge(base[name], value, name);
    }
    return merged;
  }
  return structuredClone(patch);
}

function isMap(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function podContainers(objects) {
  return objects.flatMap((object) => {
    const pod = object.spec?.template?.spec;
    return pod ? [...(pod.containers ?? []), ...(pod.initContainers ?? [])] : [];
  });
}

function retag(reference, { name, newName, newTag, digest }) {
  const match = /^(?<repository>[^@]+?)(?::(?<tag>[^:/@]+))?(?:@(?<digest>.+))?$/.exec(reference);
  if (match.groups.repository !== name) return reference;
  const repository = newName ?? match.groups.repository;
  if (digest) return `${repository}@${digest}`;
  const tag = newTag ?? match.groups.tag;
  return tag ? `${repository}:${tag}` : repository;
}
