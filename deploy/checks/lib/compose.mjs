// Reads docker-compose.yml as `docker compose` would with an empty environment: YAML anchors and
// merge keys resolved, `${VAR:-default}` and `${VAR}` interpolated (unset variables are empty).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { inRepo } from './paths.mjs';

export const COMPOSE_FILE = inRepo('docker-compose.yml');

export function readCompose(environment = {}) {
  const text = readFileSync(COMPOSE_FILE, 'utf8');
  const interpolated = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g,
    (_, name, fallback) => environment[name] || (fallback ?? ''));
  return parse(interpolated, { merge: true, uniqueKeys: true });
}

/** depends_on in either of compose's forms, as { service: condition }. */
export function dependencies(service) {
  const declared = service.depends_on ?? {};
  return Array.isArray(declared)
    ? Object.fromEntries(declared.map((name) => [name, 'service_started']))
    : Object.fromEntries(Object.entries(declared).map(([name, options]) => [name, options?.condition ?? 'service_started']));
}
