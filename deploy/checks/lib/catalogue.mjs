// Reads docs/metrics.md: each table row names its series (backticked, in the first column) and
// their labels (third column), and says which service exports them (fourth column).
import { readFileSync } from 'node:fs';
import { inRepo } from './paths.mjs';

export const CATALOGUE = inRepo('docs', 'metrics.md');

// Labels that Prometheus attaches to every scraped series (on Kubernetes also namespace and pod).
export const TARGET_LABELS = ['job', 'instance', 'namespace', 'pod'];

export function readCatalogue(file = CATALOGUE) {
  const catalogue = new Map();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('| `')) continue;
    const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim());
    const names = [...cells[0].matchAll(/`([^`]+)`/g)].map((match) => match[1]);
    const labels = [...cells[2].matchAll(/`([^`]+)`/g)].map((match) => match[1]);
    const exportedBy = cells[3];
    for (const name of names) {
      catalogue.set(name, {
        labels: name.endsWith('_bucket') ? [...labels, 'le'] : labels,
        exportedBy,
        fromPrometheus: exportedBy === 'prometheus',
      });
    }
  }
  return catalogue;
}
