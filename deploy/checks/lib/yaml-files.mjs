// Reads YAML files the way Kubernetes tools do: several documents per file, empty ones dropped.
import { readFileSync } from 'node:fs';
import { parseAllDocuments, parse } from 'yaml';

export function readDocuments(file) {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((doc, index) => {
    if (doc.errors.length > 0) {
      throw new Error(`${file}, document ${index + 1}: ${doc.errors.map((e) => e.message).join('; ')}`);
    }
    return doc.toJS();
  }).filter((object) => object !== null && object !== undefined);
}

export function readYaml(file) {
  return parse(readFileSync(file, 'utf8'), { uniqueKeys: true });
}
