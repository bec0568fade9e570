// Paths of the repository, resolved from this package (deploy/checks).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const inRepo = (...parts) => resolve(repoRoot, ...parts);
